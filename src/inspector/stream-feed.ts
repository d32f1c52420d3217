import type { KvsClientFactory, StreamRef } from '../aws/client-factory';
import { MediaSession } from '../aws/media-session/media-session';
import { describeChoice, type StartChoice } from '../aws/media-session/start-selector';
import { describeError } from '../core/getmedia/error-catalogue';
import {
  EMPTY_STATS,
  type Banner,
  type HttpErrorInfo,
  type InspectorSource,
  type SessionNotice,
  type SessionStats,
} from '../protocol';
import { streamSource, type Feed, type FeedSink } from './feeds';

/** The row an HTTP/SDK error leaves between chunks (its message was read, and redacted, by readSdkError). */
export function httpErrorNotice(e: HttpErrorInfo, beforeIndex: number): SessionNotice {
  return {
    kind: 'http-error',
    at: Date.now(),
    beforeIndex,
    text: `${e.operation}: ${e.name}${e.status ? ` (HTTP ${e.status})` : ''}: ${e.message}`,
    httpError: e,
  };
}

export function httpErrorBanner(e: HttpErrorInfo): Banner {
  return {
    level: e.retryable ? 'warning' : 'error',
    title: `${e.operation} failed: ${e.name}${e.status ? `, HTTP ${e.status}` : ''}${e.requestId ? `, request ${e.requestId}` : ''}`,
    meaning: `${e.message}${e.errorType ? ` (x-amzn-ErrorType ${e.errorType})` : ''}`,
    whatToDo: e.retryable
      ? 'Retrying with backoff (at most 5 GetMedia calls per second per stream).'
      : 'A retry will not help: check the stream name, profile, region and permissions, then Resume.',
  };
}

/** A live GetMedia session as an inspector feed: chunks, reconnect and HTTP-error rows, banners for errors. */
export class StreamFeed implements Feed {
  readonly canStream = true;
  readonly source: InspectorSource;
  private session: MediaSession | null = null;
  private sink: FeedSink | null = null;
  private keepingBytes = false;

  constructor(
    private readonly factory: KvsClientFactory,
    private readonly stream: StreamRef,
    private readonly start0: StartChoice,
    private readonly log: (line: string) => void,
  ) {
    this.source = streamSource(stream, describeChoice(start0));
  }

  start(sink: FeedSink): void {
    this.sink = sink;
    const session = new MediaSession({
      factory: this.factory,
      stream: this.stream,
      start: this.start0,
      keepChunkBytes: this.keepingBytes,
      listener: {
        chunks: (chunks) =>
          sink.records(
            chunks.map((c) => c.record),
            this.keepingBytes ? chunks.map((c) => c.pieces) : undefined,
          ),
        state: () => sink.stateChanged(),
        reconnecting: (reason, token) =>
          sink.notice({
            kind: 'reconnect',
            at: Date.now(),
            beforeIndex: session.snapshot().chunks,
            text: `${reason}; resuming ${token ? `after continuation token ${token}` : `from ${describeChoice(this.start0)}`}`,
          }),
        httpError: (e) => {
          sink.notice(httpErrorNotice(e, session.snapshot().chunks));
          sink.banner(httpErrorBanner(e));
        },
        inBandError: (record, retryable) => {
          const advice = describeError(record.errorId ?? 0);
          sink.banner({
            level: 'error',
            title: `In-band error ${record.errorId} ${record.errorCode ?? advice.code}${retryable ? ' (resuming)' : ''}`,
            meaning: advice.meaning,
            whatToDo: advice.whatToDo,
          });
        },
        oversized: (chunk) =>
          sink.notice({
            kind: 'info',
            at: Date.now(),
            beforeIndex: chunk.index,
            text: `Chunk ${chunk.index} has passed ${(chunk.bytesSoFar / 1024 / 1024).toFixed(0)} MiB, beyond the service's ${(chunk.limit / 1024 / 1024).toFixed(0)} MiB fragment limit: its bytes are dropped as they arrive (a capture skips it); its row appears when it ends`,
          }),
        log: this.log,
      },
    });
    this.session = session;
    this.run(session);
  }

  /** A session that ends by throwing (a listener that failed) is logged, never an unhandled rejection. */
  private run(session: MediaSession, from?: StartChoice): void {
    session.run(from).catch((error: unknown) => this.log(`GetMedia ${this.stream.streamName} ended: ${String(error)}`));
  }

  async stop(): Promise<void> {
    await this.session?.stop().catch(() => undefined);
  }

  keepChunkBytes(on: boolean): void {
    this.keepingBytes = on;
    this.session?.keepChunkBytes(on);
  }

  resume(token?: string): void {
    const session = this.session;
    if (!session || !this.sink) return;
    const restart = (): void => this.run(session, token ? { type: 'CONTINUATION_TOKEN', token } : undefined);
    if (session.isRunning) session.stop().then(restart, restart);
    else restart();
    this.sink.banner(null);
  }

  stats(): SessionStats {
    return this.session?.snapshot() ?? EMPTY_STATS;
  }

  dispose(): void {
    void this.session?.stop().catch(() => undefined);
    this.session = null;
    this.sink = null;
  }
}
