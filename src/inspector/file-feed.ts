import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { redact } from '../aws/redact';
import { ChunkReader } from '../core/getmedia/chunk-reader';
import { EMPTY_STATS, type InspectorSource, type SessionStats } from '../protocol';
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
    this.read(sink).catch((error: unknown) => this.finish('failed', String(error)));
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
      } else if (this.bytes === 0) {
        this.finish('done', 'empty file (0 bytes)');
        sink.banner({
          level: 'info',
          title: `${basename(this.path)} is an empty file`,
          meaning: 'It has 0 bytes: there is no chunk to show.',
          whatToDo:
            'A capture holds what arrived while it was saving: check that the stream sent chunks during the capture.',
        });
      } else this.finish('done', `read ${this.chunks} chunks`);
    } catch (error) {
      if (this.controller.signal.aborted) return;
      this.finish('failed', redact(error instanceof Error ? error.message : String(error)));
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
      ...EMPTY_STATS,
      state: this.state,
      bytes: this.bytes,
      bytesPerSecond: this.bytes / seconds,
      chunksPerSecond: this.chunks / seconds,
      chunks: this.chunks,
      millisBehindNow: this.lastMillisBehind,
      detail: this.detail,
    };
  }

  dispose(): void {
    this.controller.abort();
  }
}
