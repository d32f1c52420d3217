import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ChunkReader } from '../core/getmedia/chunk-reader';
import type { InspectorSource, SessionStats } from '../protocol';
import type { Feed, FeedSink } from './feeds';

/** A capture file streamed from disk (never read whole) through the same ChunkReader as a live session. */
export class FileFeed implements Feed {
  readonly canStream = false;
  readonly source: InspectorSource;
  private readonly controller = new AbortController();
  private state: SessionStats['state'] = 'connecting';
  private detail: string | null = null;
  private bytes = 0;
  private chunks = 0;
  private readonly startedAt = Date.now();
  private finishedAt: number | null = null;
  private lastMillisBehind: number | null = null;

  constructor(
    private readonly path: string,
    sizeBytes: number,
  ) {
    this.source = { kind: 'file', fileName: basename(path), sizeBytes };
  }

  start(sink: FeedSink): void {
    void this.read(sink);
  }

  private async read(sink: FeedSink): Promise<void> {
    const reader = new ChunkReader();
    const stream = createReadStream(this.path, { highWaterMark: 256 * 1024, signal: this.controller.signal });
    this.state = 'streaming';
    sink.stateChanged();
    try {
      for await (const piece of stream as AsyncIterable<Buffer>) {
        this.bytes += piece.length;
        this.emit(sink, reader.push(piece));
        if (reader.fault) break;
      }
      this.emit(sink, reader.end());
      const fault = reader.fault;
      if (fault) {
        this.finish(
          'failed',
          `not readable at byte ${fault.byteOffset}: ${fault.message}; the ${this.chunks} chunks before it are shown`,
        );
        sink.banner({
          level: 'error',
          title: `The file is not readable at byte ${fault.byteOffset.toLocaleString('en-US')}`,
          meaning: fault.message,
          whatToDo:
            'Everything before that offset is shown. A capture cut off mid-chunk shows its last chunk as truncated.',
        });
      } else this.finish('done', `read ${this.chunks} chunks`);
    } catch (error) {
      if (this.controller.signal.aborted) return;
      this.finish('failed', error instanceof Error ? error.message : String(error));
      sink.banner({
        level: 'error',
        title: `Cannot read ${basename(this.path)}`,
        meaning: this.detail ?? '',
        whatToDo: 'Check that the file exists and is readable.',
      });
    }
    sink.stateChanged();
  }

  private emit(sink: FeedSink, records: ReturnType<ChunkReader['push']>): void {
    if (records.length === 0) return;
    for (const r of records) if (r.millisBehindNow !== null) this.lastMillisBehind = r.millisBehindNow;
    this.chunks = Math.max(this.chunks, records[records.length - 1].index + 1);
    sink.records(records);
  }

  private finish(state: SessionStats['state'], detail: string): void {
    this.state = state;
    this.detail = detail;
    this.finishedAt = Date.now();
  }

  async stop(): Promise<void> {
    this.controller.abort();
  }
  resume(): void {}
  keepChunkBytes(): void {}

  stats(): SessionStats {
    const seconds = Math.max(0.001, ((this.finishedAt ?? Date.now()) - this.startedAt) / 1000);
    return {
      state: this.state,
      idleSeconds: 0,
      bytes: this.bytes,
      bytesPerSecond: this.bytes / seconds,
      chunksPerSecond: this.chunks / seconds,
      chunks: this.chunks,
      millisBehindNow: this.lastMillisBehind,
      reconnects: 0,
      detail: this.detail,
      canResume: false,
    };
  }

  dispose(): void {
    this.controller.abort();
  }
}
