import type { ServerResponse } from 'node:http';
import { errorChunk } from './chunk-writer';
import type { StreamFaults } from './faults';

/** A streaming MKV response: headers at once, then chunks with backpressure, with the stream's faults applied. */
export class MediaResponse {
  private bytesWritten = 0;
  private chunksWritten = 0;
  private finished = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly requestId: string,
    private readonly faults: StreamFaults,
  ) {
    res.on('close', () => {
      this.finished = true;
    });
  }

  get closed(): boolean {
    return this.finished || this.res.destroyed || this.res.writableEnded;
  }
  get chunks(): number {
    return this.chunksWritten;
  }

  start(contentType = 'video/webm'): void {
    this.res.writeHead(200, { 'Content-Type': contentType, 'x-amzn-RequestId': this.requestId });
    this.res.flushHeaders();
  }

  /** A KMS fault fails every read before any media: true when the response is already over. */
  failedByKms(): Promise<boolean> {
    if (this.faults.kmsErrorId === undefined) return Promise.resolve(false);
    return this.endWithError(this.faults.kmsErrorId).then(() => true);
  }

  /** An injected error chunk that is due now ends the response: true when it did. */
  async injectedErrorDue(): Promise<boolean> {
    const { errorId, errorAfterChunks = 0 } = this.faults;
    if (errorId === undefined || this.chunksWritten < errorAfterChunks) return false;
    await this.endWithError(errorId);
    return true;
  }

  /** An `end=N` fault: the session is over once N chunks went out. */
  get sessionOver(): boolean {
    const { endAfterChunks } = this.faults;
    return endAfterChunks !== undefined && this.chunksWritten >= endAfterChunks;
  }

  /** A `huge=BYTES@N` fault: the chunk about to go out is the one with the huge Cluster. */
  get hugeClusterDue(): number | null {
    const { hugeClusterBytes, hugeClusterAfterChunks = 0 } = this.faults;
    return hugeClusterBytes !== undefined && this.chunksWritten === hugeClusterAfterChunks ? hugeClusterBytes : null;
  }

  /** One chunk sent piece by piece (each piece waits for the socket), for chunks too big to build whole. */
  async writeChunkPieces(pieces: Iterable<Uint8Array>): Promise<void> {
    for (const piece of pieces) {
      if (this.closed) return;
      await this.write(piece);
    }
    this.chunksWritten++;
  }

  async endWithError(errorId: number, errorCode?: string): Promise<void> {
    await this.write(errorChunk(errorId, errorCode));
    this.end();
  }

  async writeChunk(chunk: Uint8Array): Promise<void> {
    const { stallSeconds, stallBeforeChunk = 1 } = this.faults;
    if (stallSeconds !== undefined && this.chunksWritten === stallBeforeChunk) {
      // The pause ends early when the client goes away: a stalled response must not keep the server busy after it.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, stallSeconds * 1000);
        this.res.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await this.write(chunk);
    this.chunksWritten++;
  }

  end(): void {
    if (!this.closed) this.res.end();
    this.finished = true;
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) return;
    const { dropAfterBytes } = this.faults;
    if (dropAfterBytes !== undefined && this.bytesWritten + bytes.length >= dropAfterBytes) {
      const room = Math.max(0, dropAfterBytes - this.bytesWritten);
      // Let the allowed bytes reach the socket, then cut the connection without a clean end.
      await new Promise<void>((resolve) => this.res.write(bytes.subarray(0, room), () => resolve()));
      this.bytesWritten += room;
      this.res.socket?.destroy();
      this.res.destroy();
      this.finished = true;
      return;
    }
    this.bytesWritten += bytes.length;
    if (!this.res.write(bytes)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
  }
}
