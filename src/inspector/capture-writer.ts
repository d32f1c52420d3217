import { createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { NO_CAPTURE, type CaptureState } from '../protocol';

/**
 * Writes whole chunks, exactly as GetMedia sent them, to a .mkv file while streaming: the file reads back in
 * this inspector, kvs-inspect, or any tool that understands concatenated GetMedia output.
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
    this.update({ saving: true, fileName: basename(path), bytesWritten: 0, error: null });
    stream.on('error', (error) => {
      if (this.stream === stream) this.stream = null;
      this.update({ ...this.status, saving: false, error: error.message });
    });
  }

  write(bytes: Uint8Array): void {
    if (!this.stream || bytes.length === 0) return;
    this.stream.write(bytes);
    this.status = { ...this.status, bytesWritten: this.status.bytesWritten + bytes.length };
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
