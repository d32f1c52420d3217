import { createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';

export interface CaptureStatus {
  saving: boolean;
  fileName: string | null;
  bytesWritten: number;
  error: string | null;
}

/**
 * Writes whole chunks, exactly as GetMedia sent them, to a .mkv file while streaming: the file reads back in
 * this inspector, kvs-inspect, or any tool that understands concatenated GetMedia output.
 */
export class CaptureWriter {
  private stream: WriteStream | null = null;
  private status: CaptureStatus = { saving: false, fileName: null, bytesWritten: 0, error: null };

  constructor(private readonly onChange: (status: CaptureStatus) => void) {}

  get current(): CaptureStatus {
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

  private update(status: CaptureStatus): void {
    this.status = status;
    this.onChange(status);
  }
}
