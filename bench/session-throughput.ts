// `npm run bench -- session-throughput [MB/s] [seconds] [--rounds=2] [--warmup=1] [--host-heap=64] [--capture=FILE]
// [--profile=FILE]`: replays
// real GetMedia bytes at 25 MB/s (default) from a paced server in a child process through the real SDK GetMedia
// call, alternately (1) drained and discarded, the floor any GetMedia client pays, and (2) through the inspector's
// StreamFeed (MediaSession: ChunkReader, stitching, dedup) and its 50 ms RecordBatcher into serialized webview
// messages. Prints both CPU figures, their ratio, and the delay from a chunk's last byte (written by the server) to
// the message carrying its row (target < 150 ms; the webview paints within a frame after). --profile writes a CPU
// profile of the inspector rounds only and prints its top entries. Rounds run in a heap the size of a real
// extension host's (--host-heap MiB of live objects; 0 for the bare process) after --warmup uncounted rounds of
// each (the JIT compiles the inspector's code once per host, not per stream).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { basename, join } from 'node:path';
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand, KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { startKvsLocal } from '../kvs-local/server';
import type { KvsClientFactory, StreamRef } from '../src/aws/client-factory';
import { readPieces } from '../src/aws/media-session/payload-pieces';
import { readAllChunks } from '../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../src/core/getmedia/record';
import { RecordBatcher } from '../src/inspector/record-batcher';
import { StreamFeed } from '../src/inspector/stream-feed';
import { getMediaFixture, gplCapture, hasGplCapture } from '../test/support/paths';
import { startAllocationProfile, startCpuProfile, topSelfTime } from './lib/cpu-profile';
import { servePacedIfAsked, startPacedServer, type PacedServer } from './lib/paced-server';

const credentials = { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: 'kvs-local-secret' };
const option = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function factoryFor(url: string): KvsClientFactory {
  return {
    controlPlane: (t) => new KinesisVideoClient({ region: t.region, endpoint: url, credentials }),
    media: (t, endpoint) => new KinesisVideoMediaClient({ region: t.region, endpoint, credentials }),
  };
}

/** Real GetMedia output with unique fragment numbers: kvs-local seeded with the same capture many times, read once. */
async function recordStream(source: string, minBytes: number): Promise<{ body: Buffer; copies: number }> {
  const kvs = await startKvsLocal({ log: () => undefined });
  const copies = Math.max(1, Math.ceil(minBytes / readFileSync(source).length));
  let fragments = 0;
  for (let i = 0; i < copies; i++) fragments += (await kvs.seed('bench', source)).length;
  kvs.injectFault('bench', `end=${fragments}`);
  const client = new KinesisVideoMediaClient({ region: kvs.region, endpoint: kvs.url, credentials });
  const out = await client.send(
    new GetMediaCommand({ StreamName: 'bench', StartSelector: { StartSelectorType: 'EARLIEST' } }),
  );
  const pieces: Uint8Array[] = [];
  for await (const piece of out.Payload as AsyncIterable<Uint8Array>) pieces.push(piece);
  client.destroy();
  await kvs.close();
  return { body: Buffer.concat(pieces), copies };
}

interface Cost {
  cpuSeconds: number;
  wallSeconds: number;
  /** Time in garbage collection pauses (the main thread's share of GC), and how many were full (mark-compact). */
  gcMs: number;
  majorGcs: number;
}
const add = (a: Cost, b: Cost): Cost => ({
  cpuSeconds: a.cpuSeconds + b.cpuSeconds,
  wallSeconds: a.wallSeconds + b.wallSeconds,
  gcMs: a.gcMs + b.gcMs,
  majorGcs: a.majorGcs + b.majorGcs,
});
const NO_COST: Cost = { cpuSeconds: 0, wallSeconds: 0, gcMs: 0, majorGcs: 0 };

let gcTotalMs = 0;
let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcTotalMs += entry.duration;
    if (
      (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR
    )
      majorGcs++;
  }
}).observe({ entryTypes: ['gc'] });
const percent = (c: Cost): number => (c.cpuSeconds / c.wallSeconds) * 100;

function meter(): () => Cost {
  const cpu = process.cpuUsage();
  const wall = Date.now();
  const gc = gcTotalMs;
  const majors = majorGcs;
  return () => {
    const used = process.cpuUsage(cpu);
    return {
      cpuSeconds: (used.user + used.system) / 1e6,
      wallSeconds: (Date.now() - wall) / 1000,
      gcMs: gcTotalMs - gc,
      majorGcs: majorGcs - majors,
    };
  };
}

/** The floor: the same SDK GetMedia call, its Payload read the way the session reads it, to the last byte, and thrown away. */
async function drainOnly(server: PacedServer, total: number): Promise<Cost> {
  const client = new KinesisVideoMediaClient({ region: 'us-east-1', endpoint: server.url, credentials });
  const measured = meter();
  const out = await client.send(
    new GetMediaCommand({ StreamName: 'bench', StartSelector: { StartSelectorType: 'EARLIEST' } }),
  );
  let received = 0;
  await readPieces(out.Payload, (piece) => {
    received += piece.length;
    return received < total;
  });
  const cost = measured();
  (out.Payload as { destroy?: () => void } | undefined)?.destroy?.();
  client.destroy();
  await server.nextReplay();
  return cost;
}

interface InspectorRun extends Cost {
  /** Per chunk: last byte written by the server -> message with its row, and -> record out of the session. */
  rowDelays: number[];
  emitDelays: number[];
  messages: number;
  messageBytes: number;
}

/** The inspector: StreamFeed -> RecordBatcher -> serialized 'records' messages, as InspectorView posts them. */
async function inspector(server: PacedServer, chunkCount: number): Promise<InspectorRun> {
  const postedAt: number[] = [];
  const emittedAt: number[] = [];
  let messages = 0;
  let messageBytes = 0;
  const batcher = new RecordBatcher((batch) => {
    const text = JSON.stringify({ type: 'records', records: batch, sentAt: Date.now() });
    messages++;
    messageBytes += text.length;
    const now = Date.now();
    for (const r of batch) postedAt[r.index] = now;
  });
  const stream: StreamRef = { target: { profile: 'bench', region: 'us-east-1' }, streamName: 'bench' };
  const feed = new StreamFeed(factoryFor(server.url), stream, { type: 'EARLIEST' }, () => undefined);
  let done: () => void = () => undefined;
  const allDelivered = new Promise<void>((resolve) => {
    done = resolve;
  });
  const measured = meter();
  feed.start({
    records: (records: readonly ChunkRecord[]) => {
      const t = Date.now();
      for (const r of records) emittedAt[r.index] = t;
      batcher.add(records);
      if (records.some((r) => r.index === chunkCount - 1)) done();
    },
    notice: (n) => console.error(`notice: ${n.text}`),
    banner: (b) => b && console.error(`banner: ${b.title}`),
    stateChanged: () => undefined,
  });
  await allDelivered;
  batcher.flush();
  const cost = measured();
  const ends = await server.nextReplay();
  await feed.stop();
  feed.dispose();
  const delays = (at: number[]): number[] => ends.map((end, i) => at[i] - end).filter(Number.isFinite);
  return { ...cost, rowDelays: delays(postedAt), emitDelays: delays(emittedAt), messages, messageBytes };
}

/**
 * The extension host of a bare workbench (code-server 4.139, the 13 built-in extensions it activates and this one)
 * held 73 MiB of heap after a full GC at the end of the integration suites; this process holds about 10 MiB itself.
 */
const HOST_HEAP_MIB = 64;

/**
 * Live objects standing for the rest of an extension host's heap (other extensions, VS Code's own state): V8 sizes
 * its next full GC from the heap that survived the last one, so a 10 MB bench process collects far more often than
 * the host the inspector really runs in. Plain objects and strings, no ArrayBuffers; kept until the bench ends.
 */
function hostHeap(mib: number): unknown[] {
  const objects: unknown[] = [];
  // About 100 bytes each: an object of three fields and a short string of its own.
  for (let i = 0; i < mib * 10_000; i++) objects.push({ id: i, name: `extension-state-${i}`, next: null });
  return objects;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const rate = Number(positional[0] ?? 25) * 1_000_000;
  const seconds = Number(positional[1] ?? 6);
  const rounds = Number(option('rounds') ?? 2);
  const warmups = Number(option('warmup') ?? 1);
  const heapMiB = Number(option('host-heap') ?? HOST_HEAP_MIB);
  const ballast = hostHeap(heapMiB);
  const source = option('capture') ?? (hasGplCapture ? gplCapture : getMediaFixture('vogels_480.mkv'));
  const { body, copies } = await recordStream(source, rate * seconds);
  const chunkEnds = readAllChunks(body).records.map((r) => r.byteOffset + r.byteLength);
  const dir = mkdtempSync(join(tmpdir(), 'kvs-bench-'));
  const file = join(dir, 'stream.mkv');
  writeFileSync(file, body);
  console.log(
    `stream: ${(body.length / 1e6).toFixed(1)} MB, ${chunkEnds.length} chunks (${copies} × ${basename(source)}), replayed at ${(rate / 1e6).toFixed(0)} MB/s, ${rounds} rounds each; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const server = await startPacedServer(file, chunkEnds, rate);
  const profileFile = option('profile');
  let drain = NO_COST;
  let host = NO_COST;
  const runs: InspectorRun[] = [];
  let profiled = 0;
  for (let round = 0; round < warmups; round++) {
    const d = await drainOnly(server, body.length);
    const i = await inspector(server, chunkEnds.length);
    console.log(
      `warm-up round (not counted): drain-only ${percent(d).toFixed(1)}%, inspector ${percent(i).toFixed(1)}% of one core`,
    );
  }
  for (let round = 0; round < rounds; round++) {
    const allocations = process.argv.includes('--allocations') ? await startAllocationProfile() : null;
    drain = add(drain, await drainOnly(server, body.length));
    if (allocations) {
      console.log('allocations of the drain-only round (sampled):');
      for (const line of await allocations(12)) console.log(`  ${line}`);
    }
    const hostAllocations = process.argv.includes('--allocations') ? await startAllocationProfile() : null;
    const stopProfile = profileFile ? await startCpuProfile() : null;
    const run = await inspector(server, chunkEnds.length);
    if (hostAllocations) {
      console.log('allocations of the inspector round (sampled):');
      for (const line of await hostAllocations(12)) console.log(`  ${line}`);
    }
    if (stopProfile) {
      const profile = await stopProfile(`${profileFile}.${round}.cpuprofile`);
      if (round === rounds - 1) {
        console.log(`profile of the last inspector round (${profileFile}.${round}.cpuprofile), top self time:`);
        for (const line of topSelfTime(profile, 15)) console.log(`  ${line}`);
      }
      profiled++;
    }
    runs.push(run);
    host = add(host, run);
  }
  server.close();
  console.log(
    `heap: ${heapMiB} MiB of host objects held (${ballast.length} objects), ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB used at the end`,
  );
  report(runs, drain, host, body.length, profiled > 0);
}

function report(runs: InspectorRun[], drain: Cost, host: Cost, bytes: number, profiled: boolean): void {
  const rowDelays = runs.flatMap((r) => r.rowDelays).sort((a, b) => a - b);
  const emitDelays = runs.flatMap((r) => r.emitDelays).sort((a, b) => a - b);
  const messages = runs.reduce((n, r) => n + r.messages, 0);
  const json = runs.reduce((n, r) => n + r.messageBytes, 0);
  console.log(
    `throughput: ${((bytes * runs.length) / 1e6 / host.wallSeconds).toFixed(1)} MB/s; ${messages} messages (${(messages / host.wallSeconds).toFixed(1)}/s, ${(json / 1e6).toFixed(1)} MB of JSON)`,
  );
  console.log(`last byte -> record out of the session: p50 ${pct(emitDelays, 50)} ms, p95 ${pct(emitDelays, 95)} ms`);
  console.log(
    `last byte -> row message: p50 ${pct(rowDelays, 50)} ms, p95 ${pct(rowDelays, 95)} ms, max ${rowDelays[rowDelays.length - 1]} ms over ${rowDelays.length} chunks (target p95 < 150 ms: ${pct(rowDelays, 95) < 150 ? 'met' : 'MISSED'})`,
  );
  console.log(
    `garbage collection: drain-only ${drain.majorGcs} full GCs, ${drain.gcMs.toFixed(0)} ms paused; inspector ${host.majorGcs} full GCs, ${host.gcMs.toFixed(0)} ms paused (CPU: drain-only ${drain.cpuSeconds.toFixed(2)} s, inspector ${host.cpuSeconds.toFixed(2)} s)`,
  );
  if (profiled) console.log('(the inspector rounds ran under the CPU profiler: their CPU figure includes its cost)');
  const drainPercent = percent(drain);
  const hostPercent = percent(host);
  console.log(`drain-only CPU: ${drainPercent.toFixed(1)}% of one core`);
  console.log(`inspector CPU: ${hostPercent.toFixed(1)}% of one core`);
  console.log(`cpu ratio (inspector / drain-only): ${(hostPercent / drainPercent).toFixed(2)}`);
}

if (!servePacedIfAsked())
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
