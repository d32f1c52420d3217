import type { ChunkRecord } from '../core/getmedia/record';

/**
 * Coalesces records into at most one message per interval so 25 MB/s of small chunks does not flood postMessage.
 * Leading edge: a record after a quiet interval goes out at once; the rest of a burst waits for the interval's end.
 */
export class RecordBatcher {
  private queue: ChunkRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly flushTo: (records: ChunkRecord[]) => void,
    private readonly intervalMs = 50,
  ) {}

  add(records: readonly ChunkRecord[]): void {
    if (records.length === 0) return;
    for (const r of records) this.queue.push(r);
    if (this.timer) return;
    const wait = this.lastFlushAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    this.lastFlushAt = Date.now();
    const records = this.queue;
    this.queue = [];
    this.flushTo(records);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }
}
