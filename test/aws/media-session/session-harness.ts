import type { MediaSessionListener } from '../../../src/aws/media-session/media-session';
import type { OversizedChunk, StitchedChunk } from '../../../src/aws/media-session/chunk-stitcher';
import type { HttpErrorInfo, SessionStateKind } from '../../../src/protocol';
import type { ChunkRecord } from '../../../src/core/getmedia/record';

/** Everything a session reported, plus waits on it. */
export class Recorder implements MediaSessionListener {
  readonly records: ChunkRecord[] = [];
  /** Each delivered chunk's bytes joined (null when the session did not keep them). */
  readonly rawChunks: Array<Uint8Array | null> = [];
  readonly oversizedReports: OversizedChunk[] = [];
  readonly states: Array<{ state: SessionStateKind; detail: string | null }> = [];
  readonly httpErrors: HttpErrorInfo[] = [];
  readonly inBand: Array<{ record: ChunkRecord; retryable: boolean }> = [];
  readonly reconnects: Array<{ reason: string; token: string | null }> = [];
  readonly lines: string[] = [];
  onReconnecting: ((reason: string) => void) | null = null;
  private waiters: Array<() => void> = [];

  chunks(chunks: readonly StitchedChunk[]): void {
    for (const c of chunks) {
      this.records[c.record.index] = c.record;
      this.rawChunks.push(c.pieces ? Buffer.concat(c.pieces) : null);
    }
    this.wake();
  }
  state(state: SessionStateKind, detail: string | null): void {
    this.states.push({ state, detail });
    this.wake();
  }
  reconnecting(reason: string, token: string | null): void {
    this.reconnects.push({ reason, token });
    this.onReconnecting?.(reason);
    this.wake();
  }
  httpError(error: HttpErrorInfo): void {
    this.httpErrors.push(error);
    this.wake();
  }
  inBandError(record: ChunkRecord, retryable: boolean): void {
    this.inBand.push({ record, retryable });
    this.wake();
  }
  oversized(chunk: OversizedChunk): void {
    this.oversizedReports.push(chunk);
    this.wake();
  }
  log(line: string): void {
    this.lines.push(line);
  }

  get fragmentNumbers(): string[] {
    return this.records.filter((r) => r.fragmentNumber !== null && r.errorId === null).map((r) => r.fragmentNumber!);
  }
  get lastState(): SessionStateKind | undefined {
    return this.states[this.states.length - 1]?.state;
  }

  /** Resolves when `condition` holds; rejects after `timeoutMs` with what was seen. */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for ${what}; states ${this.states.map((s) => s.state).join('>')}, ${this.records.length} records, errors ${this.httpErrors.map((e) => e.name).join(',')}`,
            ),
          ),
        timeoutMs,
      );
      const check = (): void => {
        if (!condition()) {
          this.waiters.push(check);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}
