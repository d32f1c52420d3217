import type { ChunkRecord } from '../core/getmedia/record';

/** The batcher's time: real timers unless a test passes its own clock. */
export interface BatchClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: BatchClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};

/**
 * Coalesces records into at most one message per interval so 25 MB/s of small chunks does not flood postMessage.
 * Leading edge: a record after a quiet interval goes out at once; the rest of a burst waits for the interval's end.
 */
export class RecordBatcher {
  private queue: ChunkRecord[] = [];
  private timer: unknown;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly flushTo: (records: ChunkRecord[]) => void,
    private readonly intervalMs = 50,
    private readonly clock: BatchClock = realClock,
  ) {}

  add(records: readonly ChunkRecord[]): void {
    if (records.length === 0) return;
    for (const r of records) this.queue.push(r);
    if (this.timer) return;
    const wait = this.lastFlushAt + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    this.lastFlushAt = this.clock.now();
    const records = this.queue;
    this.queue = [];
    this.flushTo(records);
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }
}
