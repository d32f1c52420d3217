import { describeError } from '../../core/getmedia/error-catalogue';
import type { ChunkRecord } from '../../core/getmedia/record';
import type { HttpErrorInfo, SessionStateKind, SessionStats } from '../../protocol';
import { streamKey, type KvsClientFactory, type StreamRef } from '../client-factory';
import { backoffMs, sleep } from '../backoff';
import { waitForCallSlot } from './call-pacer';
import { ChunkStitcher, type OversizedChunk, type StitchedChunk } from './chunk-stitcher';
import { DataEndpoints } from '../data-endpoints';
import { readSdkError } from '../sdk-error';
import { describeHttpError, formatHttpError } from './http-error';
import { describeChoice, toSdkSelector, type StartChoice } from './start-selector';
import { readPieces } from './payload-pieces';
import { SessionMeter } from './session-meter';

/** What a GetMedia session reports, in the order things happen. */
export interface MediaSessionListener {
  chunks(chunks: readonly StitchedChunk[]): void;
  state(state: SessionStateKind, detail: string | null): void;
  /** A reconnect is about to happen (the next chunk continues from `token`, or the first selector when null). */
  reconnecting(reason: string, token: string | null, attempt: number): void;
  httpError(error: HttpErrorInfo): void;
  /** An in-band error chunk arrived (it is in chunks() too). */
  inBandError(record: ChunkRecord, retryable: boolean): void;
  /** The chunk in progress grew past the service's fragment limit: its bytes are not kept (its row comes when it ends). */
  oversized(chunk: OversizedChunk): void;
  log(line: string): void;
}

export interface MediaSessionOptions {
  factory: KvsClientFactory;
  stream: StreamRef;
  start: StartChoice;
  listener: MediaSessionListener;
  endpoints?: DataEndpoints;
  /** Hand out each chunk's bytes (StitchedChunk.pieces) from the start; else only after keepChunkBytes(true). */
  keepChunkBytes?: boolean;
  /** No byte for this long while connected: the state becomes 'idle'. */
  idleAfterMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Consecutive connections that deliver no new chunk before the session gives up. */
  maxFruitlessAttempts?: number;
}

/**
 * One inspector's GetMedia: endpoint from the cache, the call paced under 5/s per stream, Payload bytes fed to
 * the reader as they arrive, and automatic resume from the last continuation token after a drop, a throttle or
 * the service ending the response, with backoff. stop() aborts the request.
 */
export class MediaSession {
  readonly meter: SessionMeter;
  private readonly stitcher: ChunkStitcher;
  private readonly endpoints: DataEndpoints;
  private controller = new AbortController();
  private running: Promise<void> | null = null;
  private lastToken: string | null = null;
  private start: StartChoice;
  private fatal: string | null = null;
  /** Chunks that are not in-band errors: a connection that delivers none made no progress. */
  private goodChunks = 0;
  /** The call in flight, so an error names the operation that failed. */
  private lastOperation = 'GetDataEndpoint';

  constructor(private readonly options: MediaSessionOptions) {
    this.start = options.start;
    this.stitcher = new ChunkStitcher((chunk) => options.listener.oversized(chunk));
    this.stitcher.keepBytes(options.keepChunkBytes ?? false);
    this.endpoints = options.endpoints ?? new DataEndpoints(options.factory);
    this.meter = new SessionMeter(options.idleAfterMs ?? 3000, (state, detail) =>
      options.listener.state(state, detail),
    );
  }

  get continuationToken(): string | null {
    return this.lastToken;
  }
  get duplicatesDropped(): number {
    return this.stitcher.duplicatesDropped;
  }
  /** Chunks that begin from now on carry their bytes (a capture started), or none do (it stopped). */
  keepChunkBytes(on: boolean): void {
    this.stitcher.keepBytes(on);
  }
  /** Raw bytes held right now: at most the chunk in progress, and only while bytes are kept. */
  get heldBytes(): number {
    return this.stitcher.heldBytes;
  }
  snapshot(): SessionStats {
    return this.meter.snapshot(this.lastToken !== null);
  }

  /** Starts (or, after stop(), resumes from the last token; from `from` when given). Returns when the session ends. */
  run(from?: StartChoice): Promise<void> {
    if (from) {
      this.start = from;
      this.lastToken = from.type === 'CONTINUATION_TOKEN' ? from.token : null;
      this.stitcher.forgetSeen();
    }
    if (this.running) return this.running;
    this.controller = new AbortController();
    this.fatal = null;
    this.running = this.loop(this.controller.signal).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): Promise<void> {
    this.controller.abort(new Error('stopped'));
    return this.running ?? Promise.resolve();
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  private selector(): StartChoice {
    return this.lastToken !== null ? { type: 'CONTINUATION_TOKEN', token: this.lastToken } : this.start;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const { listener } = this.options;
    let fruitless = 0;
    let attempt = 0;
    this.meter.setState('connecting', describeChoice(this.selector()));
    while (!signal.aborted) {
      const before = this.goodChunks;
      let reason: string;
      try {
        await waitForCallSlot(streamKey(this.options.stream), signal);
        reason = await this.connectOnce(signal);
      } catch (error) {
        if (signal.aborted) break;
        const details = describeHttpError(this.lastOperation, error);
        listener.httpError(details);
        listener.log(formatHttpError(details));
        if (!details.retryable) {
          this.fatal = formatHttpError(details);
          break;
        }
        this.endpoints.invalidate(this.options.stream, 'GET_MEDIA');
        reason = `${details.name}${details.status ? ` (HTTP ${details.status})` : ''}`;
      }
      if (this.fatal !== null || signal.aborted) break;
      fruitless = this.goodChunks > before ? 0 : fruitless + 1;
      const maxFruitless = this.options.maxFruitlessAttempts ?? 10;
      if (fruitless >= maxFruitless) {
        this.fatal = `gave up after ${fruitless} connections without a new chunk (last: ${reason})`;
        break;
      }
      attempt++;
      const delay =
        fruitless === 0
          ? 0
          : backoffMs(fruitless, this.options.initialBackoffMs ?? 500, this.options.maxBackoffMs ?? 15_000);
      this.meter.reconnected();
      this.meter.setState(
        'reconnecting',
        `${reason}; resuming ${describeChoice(this.selector())}${delay ? ` in ${(delay / 1000).toFixed(1)} s` : ''}`,
      );
      listener.reconnecting(reason, this.lastToken, attempt);
      listener.log(
        `GetMedia ${this.options.stream.streamName}: ${reason}; reconnect #${attempt} from ${describeChoice(this.selector())} after ${delay} ms`,
      );
      try {
        await sleep(delay, signal);
      } catch {
        break;
      }
    }
    this.meter.connectionClosed();
    if (this.fatal !== null) this.meter.setState('failed', this.fatal);
    else this.meter.setState('stopped', this.lastToken ? `resume continues after token ${this.lastToken}` : null);
  }

  /** One GetMedia connection, read to its end. Returns why it ended; throws SDK/network errors. */
  private async connectOnce(signal: AbortSignal): Promise<string> {
    const { stream, factory, listener } = this.options;
    this.lastOperation = 'GetDataEndpoint';
    const endpoint = await this.endpoints.get(stream, 'GET_MEDIA', signal);
    this.lastOperation = 'GetMedia';
    const { GetMediaCommand } = await import('@aws-sdk/client-kinesis-video-media');
    const client = factory.media(stream.target, endpoint);
    const started = Date.now();
    const out = await client.send(
      new GetMediaCommand({
        ...(stream.streamArn ? { StreamARN: stream.streamArn } : { StreamName: stream.streamName }),
        StartSelector: toSdkSelector(this.selector()),
      }),
      { abortSignal: signal },
    );
    listener.log(
      `GetMedia ${stream.streamName} ${describeChoice(this.selector())}: HTTP ${out.$metadata.httpStatusCode ?? '?'} in ${Date.now() - started} ms, request ${out.$metadata.requestId ?? '-'}`,
    );
    const payload = out.Payload as unknown as { destroy?: () => void };
    this.stitcher.beginConnection();
    this.meter.connectionOpened();
    let complete = false;
    try {
      await readPieces(payload, (bytes) => this.onPiece(bytes), signal);
      complete = true;
    } catch (error) {
      if (signal.aborted) return 'stopped';
      // A bug while reading (a TypeError, a RangeError) is not a dropped connection: reconnecting would repeat it.
      if (readSdkError(error).kind === 'bug') throw error;
      listener.log(
        `GetMedia ${stream.streamName}: connection broke: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 'the connection dropped';
    } finally {
      this.deliver(this.stitcher.endConnection(complete));
      // The reader resyncs past unreadable bytes; a connection that ended with no chunk start after them is fatal.
      const fault = this.stitcher.fault;
      if (fault && this.fatal === null && !signal.aborted)
        this.fatal = `the stream's bytes are not readable at offset ${fault.byteOffset}: ${fault.message}`;
      this.meter.connectionClosed();
      payload.destroy?.();
    }
    return 'the service ended the response';
  }

  /** One piece of the body: false when reading must stop (a fatal in-band error; unreadable bytes are resynced past). */
  private onPiece(bytes: Uint8Array): boolean {
    this.meter.bytesArrived(bytes.length);
    this.deliver(this.stitcher.push(bytes));
    return this.fatal === null;
  }

  private deliver(chunks: readonly StitchedChunk[]): void {
    if (chunks.length === 0) return;
    const { listener } = this.options;
    for (const { record } of chunks) {
      this.meter.chunkArrived(record.millisBehindNow);
      if (record.continuationToken !== null) this.lastToken = record.continuationToken;
      if (record.errorId === null) this.goodChunks++;
      else {
        const retryable = describeError(record.errorId).retryable;
        if (!retryable)
          this.fatal = `in-band error ${record.errorId} ${record.errorCode ?? ''}: ${record.errorMeaning ?? ''}`.trim();
        listener.inBandError(record, retryable);
      }
    }
    listener.chunks(chunks);
  }
}
