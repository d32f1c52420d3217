import { createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { NO_CAPTURE, type CaptureState } from '../protocol';

/**
 * Writes whole chunks, exactly as GetMedia sent them, to a .mkv file while streaming: the file reads back in
 * this inspector, kvs-inspect, or any tool that understands concatenated GetMedia output. A chunk comes as the
 * pieces it arrived in (written as they are, never joined); one whose bytes were not kept (it began before the
 * capture did, or it was oversized) is skipped whole, so the file never holds part of a chunk.
 */
export class CaptureWriter {
  private stream: WriteStream | null = null;
  private status: CaptureState = NO_CAPTURE;

  constructor(private readonly onChange: (status: CaptureState) => void) {}

  get current(): CaptureState {
    return this.status;
  }

  start(path: string): void {
    this.stopSync();
    const stream = createWriteStream(path);
    this.stream = stream;
    this.chunksSkipped = 0;
    this.update({ saving: true, fileName: basename(path), bytesWritten: 0, error: null });
    stream.on('error', (error) => {
      if (this.stream === stream) this.stream = null;
      this.update({ ...this.status, saving: false, error: error.message });
    });
  }

  /** Chunks skipped since the capture started (their bytes were not kept). */
  chunksSkipped = 0;

  write(pieces: readonly Uint8Array[] | null): void {
    if (!this.stream) return;
    if (pieces === null) {
      this.chunksSkipped++;
      return;
    }
    let written = 0;
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      this.stream.write(piece);
      written += piece.length;
    }
    this.status = { ...this.status, bytesWritten: this.status.bytesWritten + written };
  }

  /** Tells the UI how much was written (called on the stats tick, not per chunk). */
  report(): void {
    if (this.status.saving) this.onChange(this.status);
  }

  stop(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (!stream) return Promise.resolve();
    return new Promise((resolve) =>
      stream.end(() => {
        this.update({ ...this.status, saving: false });
        resolve();
      }),
    );
  }

  private stopSync(): void {
    void this.stop();
  }

  private update(status: CaptureState): void {
    this.status = status;
    this.onChange(status);
  }
}
