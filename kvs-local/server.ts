import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createRouter, type Route } from './http-router';
import {
  createStream,
  deleteStream,
  describeStream,
  getDataEndpoint,
  listStreams,
  operationFaultError,
  type ControlPlaneContext,
} from './control-plane';
import { StreamStore, type StreamRecord } from './stream-store';
import {
  CONTROL_PLANE_OPERATIONS,
  FaultRegistry,
  isControlPlaneOperation,
  isOperationFaultSpec,
  OperationFaultRegistry,
  parseFault,
  parseOperationFault,
  type ControlPlaneOperation,
  type OperationFault,
  type StreamFaults,
} from './faults';
import { streamNameProblem, type JsonObject } from './json-input';
import { getMedia, type MediaContext } from './getmedia';
import { SERVICE_LIMITS, StreamLimits, type LimitOptions } from './limits';
import { seedFile, type SeedOptions } from './seed';
import type { StoredFragment } from './fragment';
import { adminRoutes } from './admin';
import { getMediaForFragmentList, listFragments } from './archived-media';
import { getClip } from './clip';
import { sendJson } from './errors';
import { getImages } from './images';
import { PlaybackSessions } from './playback-sessions';
import { startLiveProducer, type LiveProducer } from './live';
import { attachPersistence } from './persistence';
import { putMedia, type PutMediaContext } from './putmedia';

/** startKvsLocal(): the programmatic API the tests and the CLI share. */

const DEFAULT_REGION = 'us-east-1';
const DEFAULT_ACCOUNT = '123456789012';

export interface KvsLocalCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The key pair kvs-local accepts when given none (--credentials). */
export const DEFAULT_CREDENTIAL: Readonly<KvsLocalCredential> = {
  accessKeyId: 'AKIDKVSLOCAL',
  secretAccessKey: 'kvs-local-secret',
};

export interface KvsLocalOptions {
  /** 0 (the default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  region?: string;
  /** Accepted key pairs; defaults to AKIDKVSLOCAL / kvs-local-secret. */
  credentials?: KvsLocalCredential[];
  /** Streams to create at start: `{ prefix: 'cam-', count: 1200 }` makes cam-0000 ... cam-1199. */
  streams?: Array<{ prefix: string; count: number }>;
  /** Files whose clusters become past fragments of stream `name` (created when missing). */
  seeds?: Array<{ name: string; file: string } & SeedOptions>;
  /** Files looped into stream `name` in real time, as a live producer would put them. */
  live?: Array<{ name: string; file: string }>;
  /** Persist streams and fragments here (append-only files); memory only without it. */
  dataDir?: string;
  /** PutMedia sends IDLE acks after this long without data (default 2 s) and ends the session after idleCloseMs (default 30 s). */
  putMediaIdleAckMs?: number;
  putMediaIdleCloseMs?: number;
  /** Faults by stream name, as `--fault NAME:SPEC` gives them; an OPERATION:throttle[=N] / access-denied[=N] pair is an operation fault. */
  faults?: Array<{ name: string; spec: string }>;
  /** Hours of data the streams made by seeds, --live and --streams retain (default 24; 0: nothing is archived). */
  retentionHours?: number;
  /** The service's GetMedia limits (5 calls/s, 3 connections per stream) unless overridden. */
  limits?: Partial<LimitOptions>;
  /** Open connections served at once (default 512); one more is answered ClientLimitExceededException and closed. */
  maxConnections?: number;
  /** A JSON request body must arrive whole within this (default 10 s). */
  bodyTimeoutMs?: number;
  log?: (line: string) => void;
}

const DEFAULT_MAX_CONNECTIONS = 512;

/** Stream names from --seed and --live are checked as CreateStream checks them, before anything starts. */
function checkStartNames(options: KvsLocalOptions): void {
  for (const [flag, list] of [
    ['--seed', options.seeds],
    ['--live', options.live],
  ] as const) {
    for (const { name } of list ?? []) {
      const problem = streamNameProblem(name);
      if (problem) throw new Error(`${flag}: stream name ${JSON.stringify(name)} ${problem}`);
    }
  }
}

export interface KvsLocalHandle {
  /** http://127.0.0.1:PORT, no trailing slash: the endpoint for every client. */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly credentials: readonly KvsLocalCredential[];
  readonly store: StreamStore;
  createStream(name: string): StreamRecord;
  /** Creates PREFIX0000 ... (zero-padded to the count's width); returns their names. */
  createStreams(prefix: string, count: number): string[];
  /** Ingests a Matroska file's clusters into stream `name` (created when missing) as past fragments. */
  seed(name: string, file: string, options?: SeedOptions): Promise<StoredFragment[]>;
  /** Adds a fault to a stream's reads: a StreamFaults object or text like 'error=4000', 'drop=5000', 'stall=2', 'kms'. */
  injectFault(name: string, fault: StreamFaults | string): void;
  clearFaults(name: string): void;
  /**
   * Fails the next `count` calls of a control-plane operation (every call without a count) for every caller:
   * `{ kind: 'throttle', count: 3 }` or text like 'throttle=3', 'access-denied'.
   */
  injectOperationFault(operation: ControlPlaneOperation, fault: OperationFault | string): void;
  /** Clears one operation's fault, or every operation's without an argument. */
  clearOperationFaults(operation?: ControlPlaneOperation): void;
  /** Starts looping `file` into stream `name` in real time; stopped by close() or the returned handle. */
  live(name: string, file: string): Promise<LiveProducer>;
  close(): Promise<void>;
}

function streamNames(prefix: string, count: number): string[] {
  const width = Math.max(4, String(count - 1).length);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(width, '0')}`);
}

/** The server's state, and the operations both the handle and the admin calls offer. */
interface KvsLocalParts {
  region: string;
  credentials: readonly KvsLocalCredential[];
  log: (line: string) => void;
  store: StreamStore;
  /** Known once the server listens: GetDataEndpoint answers with the URL, the router checks Host against the port. */
  address: { url: string; port: number };
  faults: FaultRegistry;
  operationFaults: OperationFaultRegistry;
  producers: Set<LiveProducer>;
  createOne(name: string): StreamRecord;
  createMany(prefix: string, count: number): string[];
  injectFault(name: string, fault: StreamFaults | string): void;
  injectOperationFault(operation: string, fault: OperationFault | string): void;
  live(name: string, file: string): Promise<LiveProducer>;
}

export async function startKvsLocal(options: KvsLocalOptions = {}): Promise<KvsLocalHandle> {
  checkStartNames(options);
  const parts = createParts(options);
  const { server, close } = createHttpServer(parts, routesFor(parts, options), options);
  await loadStartState(parts, options);
  const port = await listen(server, options.port ?? 0);
  parts.address.port = port;
  parts.address.url = `http://127.0.0.1:${port}`;
  try {
    for (const spec of options.live ?? []) await parts.live(spec.name, spec.file);
  } catch (e) {
    await close();
    throw e;
  }
  const { store, faults, operationFaults } = parts;
  return {
    url: parts.address.url,
    port,
    region: parts.region,
    credentials: parts.credentials,
    store,
    createStream: parts.createOne,
    createStreams: parts.createMany,
    seed: (name, file, seedOptions) => seedFile(store, name, file, seedOptions),
    injectFault: parts.injectFault,
    clearFaults: (name) => faults.clear(name),
    injectOperationFault: parts.injectOperationFault,
    clearOperationFaults: (operation) => operationFaults.clear(operation),
    live: parts.live,
    close,
  };
}

function createParts(options: KvsLocalOptions): KvsLocalParts {
  const region = options.region ?? DEFAULT_REGION;
  const log = options.log ?? ((line: string) => console.error(line));
  const store = new StreamStore(region, DEFAULT_ACCOUNT, options.retentionHours ?? 24);
  const faults = new FaultRegistry();
  const operationFaults = new OperationFaultRegistry();
  const producers = new Set<LiveProducer>();
  const createOne = (name: string): StreamRecord => store.get(name) ?? store.create({ name });
  return {
    region,
    credentials: options.credentials?.length ? options.credentials : [DEFAULT_CREDENTIAL],
    log,
    store,
    address: { url: '', port: 0 },
    faults,
    operationFaults,
    producers,
    createOne,
    createMany: (prefix, count) => streamNames(prefix, count).map((n) => createOne(n).name),
    injectFault: (name, fault) => faults.inject(name, typeof fault === 'string' ? parseFault(fault) : fault),
    injectOperationFault: (operation, fault) => {
      if (!isControlPlaneOperation(operation))
        throw new Error(
          `'${operation}' is not a control-plane operation; one of ${CONTROL_PLANE_OPERATIONS.join(', ')}`,
        );
      operationFaults.inject(operation, typeof fault === 'string' ? parseOperationFault(fault) : fault);
    },
    live: async (name, file) => {
      const producer = await startLiveProducer(store, name, file, log);
      producers.add(producer);
      return producer;
    },
  };
}

function routesFor(parts: KvsLocalParts, options: KvsLocalOptions): Map<string, Route> {
  const { store, log, operationFaults } = parts;
  const control: ControlPlaneContext = { store, dataEndpoint: () => parts.address.url };
  const media: MediaContext = {
    store,
    limits: new StreamLimits({ ...SERVICE_LIMITS, ...options.limits }),
    faults: parts.faults,
  };
  const putContext: PutMediaContext = {
    store,
    limits: new StreamLimits({ callsPerSecond: SERVICE_LIMITS.callsPerSecond, connections: Number.MAX_SAFE_INTEGER }),
    idleAckMs: options.putMediaIdleAckMs ?? 2000,
    idleCloseMs: options.putMediaIdleCloseMs ?? 30_000,
  };
  /** A control-plane route that first answers an injected operation fault, if one is set. */
  const controlRoute = (
    operation: ControlPlaneOperation,
    handle: (ctx: ControlPlaneContext, input: JsonObject) => JsonObject,
  ): Route => ({
    kind: 'json',
    handle: (input, ctx) => {
      const fault = operationFaults.take(operation);
      if (fault) {
        log(
          `kvs-local: ${operation} answered with the injected ${fault.kind} fault${fault.count === undefined ? '' : ` (${fault.count} more)`}`,
        );
        throw operationFaultError(store, operation, fault, input, ctx.accessKeyId);
      }
      return handle(control, input);
    },
  });
  const playback = new PlaybackSessions(store, () => parts.address.url);
  const sessionPage = (path: string): Route => ({ kind: 'get', handle: (query) => playback.serve(path, query) });
  return new Map<string, Route>([
    ['/getMedia', { kind: 'json-stream', handle: (input, ctx) => getMedia(media, input, ctx) }],
    ['/putMedia', { kind: 'raw-stream', handle: (ctx) => putMedia(putContext, ctx) }],
    ['/listFragments', { kind: 'json', handle: (input) => listFragments(media, input) }],
    [
      '/getImages',
      {
        kind: 'json-stream',
        handle: async (input, ctx) => sendJson(ctx.res, ctx.requestId, await getImages(media, input)),
      },
    ],
    ['/getClip', { kind: 'json-stream', handle: (input, ctx) => getClip(media, input, ctx) }],
    ['/getHLSStreamingSessionURL', { kind: 'json', handle: (input) => playback.hls(input) }],
    ['/getDASHStreamingSessionURL', { kind: 'json', handle: (input) => playback.dash(input) }],
    ['/hls/v1/getHLSMasterPlaylist.m3u8', sessionPage('/hls/v1/getHLSMasterPlaylist.m3u8')],
    ['/hls/v1/getHLSMediaPlaylist.m3u8', sessionPage('/hls/v1/getHLSMediaPlaylist.m3u8')],
    ['/dash/v1/getDASHManifest.mpd', sessionPage('/dash/v1/getDASHManifest.mpd')],
    [
      '/getMediaForFragmentList',
      { kind: 'json-stream', handle: (input, ctx) => getMediaForFragmentList(media, input, ctx) },
    ],
    ...adminRoutes({
      store,
      createStreams: (prefix, count) => parts.createMany(prefix, count),
      injectFault: parts.injectFault,
      clearFaults: (name) => parts.faults.clear(name),
      injectOperationFault: parts.injectOperationFault,
      clearOperationFaults: (operation) => operationFaults.clear(operation),
    }),
    ['/createStream', controlRoute('CreateStream', createStream)],
    ['/deleteStream', controlRoute('DeleteStream', deleteStream)],
    ['/describeStream', controlRoute('DescribeStream', describeStream)],
    ['/listStreams', controlRoute('ListStreams', listStreams)],
    ['/getDataEndpoint', controlRoute('GetDataEndpoint', getDataEndpoint)],
  ]);
}

/** The HTTP server (at most `maxConnections` served at once), and a close() that stops the producers and connections. */
function createHttpServer(
  parts: KvsLocalParts,
  routes: Map<string, Route>,
  options: KvsLocalOptions,
): { server: Server; close(): Promise<void> } {
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const overCap = new WeakSet<Socket>();
  const server: Server = createServer(
    createRouter({
      routes,
      region: parts.region,
      log: parts.log,
      credentials: new Map(parts.credentials.map((c) => [c.accessKeyId, c.secretAccessKey])),
      port: () => parts.address.port,
      bodyTimeoutMs: options.bodyTimeoutMs,
      overConnectionCap: (req) => overCap.has(req.socket),
    }),
  );
  // GetMedia sessions stay open for as long as the stream lives: no server-side timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    if (sockets.size >= maxConnections) overCap.add(socket);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      for (const producer of parts.producers) producer.stop();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { server, close };
}

/** What the options ask for before the first request: persisted data, streams, seeds, faults. */
async function loadStartState(parts: KvsLocalParts, options: KvsLocalOptions): Promise<void> {
  const { store, log } = parts;
  if (options.dataDir) {
    const loaded = attachPersistence(store, options.dataDir);
    log(`kvs-local: ${options.dataDir}: ${store.size} stream(s), ${loaded} fragment(s) loaded`);
  }
  for (const spec of options.streams ?? []) parts.createMany(spec.prefix, spec.count);
  const keptOnDisk = new Set(
    store
      .list()
      .filter((s) => s.fragments.length > 0)
      .map((s) => s.name),
  );
  for (const seed of options.seeds ?? []) {
    // Seeding again after a restart would duplicate what --data already kept.
    if (keptOnDisk.has(seed.name)) {
      log(`kvs-local: ${seed.name} already has fragments in ${options.dataDir}; not seeding ${seed.file} again`);
      continue;
    }
    const fragments = await seedFile(store, seed.name, seed.file, seed, log);
    log(`kvs-local: ${seed.name}: ${fragments.length} fragment(s) seeded from ${seed.file}`);
  }
  for (const fault of options.faults ?? []) {
    if (isOperationFaultSpec(fault.spec)) parts.injectOperationFault(fault.name, fault.spec);
    else parts.injectFault(fault.name, fault.spec);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
