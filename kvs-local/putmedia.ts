import type { IncomingMessage } from 'node:http';
import { invalidArgument, notFound } from './errors';
import { compareFragmentNumbers } from './fragment';
import { FragmentBuilder, toStoredFragment, unitsToMs, type FragmentDraft } from './fragment-builder';
import type { RequestContext } from './http-router';
import { STREAM_ARN, STREAM_NAME } from './json-input';
import type { StreamLimits } from './limits';
import { MkvSplitter } from './mkv-splitter';
import { ABSOLUTE_TIMECODE_MS } from './seed';
import type { StreamRecord, StreamStore } from './stream-store';

/** PutMedia: chunked MKV in, one fragment per cluster, newline-separated JSON acks out. */

export interface PutMediaContext {
  store: StreamStore;
  limits: StreamLimits;
  /** IDLE acks while no data arrives, and the session ends after `idleCloseMs` without data. */
  idleAckMs: number;
  idleCloseMs: number;
}

type AckEvent = 'BUFFERING' | 'RECEIVED' | 'PERSISTED' | 'ERROR' | 'IDLE';

/** PutMedia's documented ERROR ack ids. */
const PUT_ERRORS = {
  STREAM_READ_ERROR: 4000,
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS: 4004,
  INVALID_MKV_DATA: 4006,
  INVALID_PRODUCER_TIMESTAMP: 4007,
  STREAM_NOT_ACTIVE: 4008,
} as const;

/** One session per stream: the newest connection wins, as the service does. */
const sessions = new WeakMap<StreamRecord, () => void>();

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function resolvePutStream(store: StreamStore, req: IncomingMessage): StreamRecord {
  const name = header(req, 'x-amzn-stream-name');
  const arn = header(req, 'x-amzn-stream-arn');
  if (name === undefined && arn === undefined)
    throw invalidArgument('Either the x-amzn-stream-name or the x-amzn-stream-arn header must be specified.');
  if (name !== undefined && !new RegExp(`^${STREAM_NAME.pattern.source}$`).test(name))
    throw invalidArgument(`x-amzn-stream-name '${name}' does not match ${STREAM_NAME.pattern.source}.`);
  if (arn !== undefined && !new RegExp(`^${STREAM_ARN.pattern.source}$`).test(arn))
    throw invalidArgument(`x-amzn-stream-arn '${arn}' is not a stream ARN.`);
  const stream = name !== undefined ? store.get(name) : store.byArn(arn ?? '');
  if (!stream || (arn !== undefined && stream.arn !== arn))
    throw notFound(`The requested stream ${name ?? arn} was not found or not active.`);
  return stream;
}

interface TimecodeRule {
  absolute: boolean;
  producerStartMs: number;
}

function timecodeRule(req: IncomingMessage): TimecodeRule {
  const type = header(req, 'x-amzn-fragment-timecode-type') ?? 'ABSOLUTE';
  if (type !== 'ABSOLUTE' && type !== 'RELATIVE')
    throw invalidArgument(`x-amzn-fragment-timecode-type must be ABSOLUTE or RELATIVE, not '${type}'.`);
  const start = header(req, 'x-amzn-producer-start-timestamp');
  const startSeconds = start === undefined ? NaN : Number(start);
  if (start !== undefined && !Number.isFinite(startSeconds))
    throw invalidArgument(`x-amzn-producer-start-timestamp '${start}' is not epoch seconds.`);
  if (type === 'RELATIVE' && start === undefined)
    throw invalidArgument('RELATIVE fragment timecodes need x-amzn-producer-start-timestamp.');
  return {
    absolute: type === 'ABSOLUTE',
    producerStartMs: Number.isFinite(startSeconds) ? Math.round(startSeconds * 1000) : 0,
  };
}

interface OpenFragment {
  number: string;
  serverTimestampMs: number;
  timecode: number | null;
  buffered: boolean;
}

interface AckFields {
  FragmentTimecode?: number;
  FragmentNumber?: string;
  ErrorId?: number;
  ErrorCode?: string;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function putMedia(ctx: PutMediaContext, request: RequestContext): Promise<void> {
  const stream = resolvePutStream(ctx.store, request.req);
  const rule = timecodeRule(request.req);
  const release = ctx.limits.admit(stream.arn, 'PutMedia');
  sessions.get(stream)?.();
  await new PutMediaSession(ctx, request, stream, rule, release).run();
}

/**
 * One PutMedia connection: acks go out as clusters become fragments; it ends with the body, at an error, after
 * `idleCloseMs` without data, when the stream is deleted, or when a newer connection to the stream takes over.
 */
class PutMediaSession {
  private readonly splitter = new MkvSplitter();
  private readonly builder = new FragmentBuilder();
  private open: OpenFragment | null = null;
  private lastProducerMs = -Infinity;
  private done = false;
  private lastData = Date.now();
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly onDeleted = (): void => this.fail(PUT_ERRORS.STREAM_NOT_ACTIVE, 'STREAM_NOT_ACTIVE');

  constructor(
    private readonly ctx: PutMediaContext,
    private readonly request: RequestContext,
    private readonly stream: StreamRecord,
    private readonly rule: TimecodeRule,
    private readonly release: () => void,
  ) {}

  /** Answers at once, then reads the body until the producer ends it or the session ends. */
  run(): Promise<void> {
    const { req, res } = this.request;
    res.writeHead(200, { 'Content-Type': 'application/json', 'x-amzn-RequestId': this.request.requestId });
    res.flushHeaders();
    this.stream.events.on('deleted', this.onDeleted);
    sessions.set(this.stream, () => {
      this.finish();
      req.destroy();
    });
    this.idleTimer = setInterval(() => this.checkIdle(), this.ctx.idleAckMs);
    return new Promise<void>((resolve) => {
      const end = (): void => {
        this.finish();
        resolve();
      };
      req.on('data', (bytes: Buffer) => {
        this.lastData = Date.now();
        if (!this.done) this.take(this.splitter.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
      });
      req.on('end', () => {
        this.endOfBody();
        end();
      });
      // A producer that goes away mid-fragment leaves nothing half-written: the open cluster is dropped.
      req.on('close', end);
      req.on('error', end);
    });
  }

  private ack(event: AckEvent, fields: AckFields = {}): void {
    const { res } = this.request;
    if (!res.writableEnded && !res.destroyed) res.write(JSON.stringify({ EventType: event, ...fields }) + '\n');
  }

  private checkIdle(): void {
    const quiet = Date.now() - this.lastData;
    if (quiet >= this.ctx.idleCloseMs) this.finish();
    else if (quiet >= this.ctx.idleAckMs) this.ack('IDLE');
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.idleTimer);
    sessions.delete(this.stream);
    this.stream.events.off('deleted', this.onDeleted);
    this.release();
    if (!this.request.res.writableEnded) this.request.res.end();
  }

  private fail(errorId: number, errorCode: string): void {
    this.ack('ERROR', {
      FragmentTimecode: this.open?.timecode ?? 0,
      ...(this.open ? { FragmentNumber: this.open.number } : {}),
      ErrorId: errorId,
      ErrorCode: errorCode,
    });
    this.open = null;
    // Later bytes are read and dropped: the socket stays up so the ERROR ack reaches the producer.
    this.request.req.resume();
    this.finish();
  }

  /** Splitter events in: completed clusters become fragments, a starting cluster is acked as BUFFERING. */
  private take(events: ReturnType<MkvSplitter['push']>): void {
    for (const event of events) {
      if (this.done) return;
      let drafts: FragmentDraft[];
      try {
        drafts = this.builder.accept(event);
      } catch (e) {
        this.fail(PUT_ERRORS.INVALID_MKV_DATA, `INVALID_MKV_DATA: ${messageOf(e)}`);
        return;
      }
      for (const draft of drafts) if (!this.done) this.commit(draft);
      if (event.kind === 'cluster-start' && !this.done) this.openCluster(event.timecode);
    }
    if (!this.done && this.splitter.fault)
      this.fail(
        PUT_ERRORS.INVALID_MKV_DATA,
        `INVALID_MKV_DATA: byte ${this.splitter.fault.offset}: ${this.splitter.fault.message}`,
      );
  }

  private openCluster(timecodeUnits: number | null): void {
    const timecode = timecodeUnits === null ? null : Math.round(unitsToMs(timecodeUnits, this.builder.scale));
    const number = this.ctx.store.nextNumber(this.stream);
    this.open = { number, serverTimestampMs: Date.now(), timecode, buffered: timecode !== null };
    if (timecode !== null) this.ack('BUFFERING', { FragmentTimecode: timecode, FragmentNumber: number });
  }

  /** The body ended: the last cluster is complete too. */
  private endOfBody(): void {
    if (this.done) return;
    this.take(this.splitter.end());
    if (this.done) return;
    try {
      for (const draft of this.builder.finish()) if (!this.done) this.commit(draft);
    } catch (e) {
      this.fail(PUT_ERRORS.INVALID_MKV_DATA, `INVALID_MKV_DATA: ${messageOf(e)}`);
    }
  }

  /** A complete cluster: RECEIVED unless its timecode went back, then stored and PERSISTED. */
  private commit(draft: FragmentDraft): void {
    const clusterMs = Math.round(unitsToMs(draft.facts.timecode, draft.timecodeScale));
    // Producers that write absolute epoch ms into Cluster Timecodes (the C++ SDK does) mean them as absolute either way.
    const producerTimestampMs =
      this.rule.absolute || clusterMs >= ABSOLUTE_TIMECODE_MS ? clusterMs : this.rule.producerStartMs + clusterMs;
    const current = this.open ?? {
      number: this.ctx.store.nextNumber(this.stream),
      serverTimestampMs: Date.now(),
      timecode: clusterMs,
      buffered: false,
    };
    this.open = null;
    if (!current.buffered) this.ack('BUFFERING', { FragmentTimecode: clusterMs, FragmentNumber: current.number });
    if (producerTimestampMs < this.lastProducerMs) {
      this.open = current;
      this.fail(PUT_ERRORS.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS, 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS');
      return;
    }
    this.lastProducerMs = producerTimestampMs;
    this.ack('RECEIVED', { FragmentTimecode: clusterMs, FragmentNumber: current.number });
    this.persist(draft, current, clusterMs, producerTimestampMs);
  }

  private persist(draft: FragmentDraft, current: OpenFragment, clusterMs: number, producerTimestampMs: number): void {
    const last = this.stream.fragments.at(-1);
    const number =
      last && compareFragmentNumbers(current.number, last.number) <= 0
        ? this.ctx.store.nextNumber(this.stream)
        : current.number;
    const fragment = toStoredFragment(draft, {
      number,
      serverTimestampMs: Math.max(current.serverTimestampMs, (last?.serverTimestampMs ?? 0) + 1),
      producerTimestampMs,
    });
    try {
      this.ctx.store.append(this.stream, fragment);
    } catch (e) {
      this.open = { ...current, buffered: true };
      this.fail(5001, `ARCHIVAL_ERROR: ${messageOf(e)}`);
      return;
    }
    this.ack('PERSISTED', { FragmentTimecode: clusterMs, FragmentNumber: number });
  }
}
