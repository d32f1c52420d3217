import type { ChunkRecord } from '../core/getmedia/record';

/**
 * Coalesces records into one message per interval so 25 MB/s of small chunks does not flood postMessage,
 * while the first record of a quiet period still goes out within `intervalMs`.
 */
export class RecordBatcher {
  private queue: ChunkRecord[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly flushTo: (records: ChunkRecord[]) => void, private readonly intervalMs = 50) {}

  add(records: readonly ChunkRecord[]): void {
    if (records.length === 0) return;
    for (const r of records) this.queue.push(r);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
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
