/**
 * The service's maximum fragment size is 50 MB (a hard quota); a GetMedia chunk is one fragment plus a few hundred
 * bytes of headers and tags, so a chunk past 50 MiB cannot be one the service stored: it is reported, not kept.
 */
export const FRAGMENT_SIZE_LIMIT = 50 * 1024 * 1024;

export const oversizedAnomaly = (bytes: number, limit: number): string =>
  `oversized chunk: ${bytes.toLocaleString('en-US')} bytes, past the service's ${Math.round(limit / 1024 / 1024)} MiB fragment limit; its bytes were not kept (a capture skips it)`;

/**
 * The raw bytes of one connection's chunk in progress, held only while asked to (a capture is running): the
 * pieces as they arrived (no copy, never joined), from the end of the last chunk cut out to the newest byte.
 */
export class ChunkBytes {
  private pieces: Uint8Array[] = [];
  /** Connection offset of pieces[0][0]; everything from here to `position` is held. */
  private keptFrom = 0;
  private heldLength = 0;
  private positionValue = 0;
  private keeping = false;
  /** The chunk in progress grew past the limit: hold only the newest piece until it is cut. */
  private dropping = false;

  /** Connection offset just past the newest byte. */
  get position(): number {
    return this.positionValue;
  }
  get held(): number {
    return this.heldLength;
  }

  keep(on: boolean): void {
    if (on === this.keeping) return;
    this.keeping = on;
    this.release();
  }

  /** A new connection: offsets start again at 0. */
  reset(): void {
    this.positionValue = 0;
    this.dropping = false;
    this.release();
  }

  append(bytes: Uint8Array): void {
    this.positionValue += bytes.length;
    if (!this.keeping) {
      this.keptFrom = this.positionValue;
      return;
    }
    if (this.dropping) {
      this.pieces = [bytes];
      this.keptFrom = this.positionValue - bytes.length;
      this.heldLength = bytes.length;
      return;
    }
    this.pieces.push(bytes);
    this.heldLength += bytes.length;
  }

  /** Stops holding the chunk in progress (it is too big); the bytes after its end will be held again. */
  dropCurrent(): void {
    this.dropping = true;
    this.release();
  }

  /**
   * Bytes [from, to) of the connection as views into the pieces held, or null when not all of them are held; then
   * lets go of everything before `to` (the next chunk starts there).
   */
  cut(from: number, to: number): Uint8Array[] | null {
    const whole = this.keeping && !this.dropping && from >= this.keptFrom && to <= this.positionValue;
    const out = whole ? this.views(from, to) : null;
    this.dropping = false;
    this.trimBefore(to);
    return out;
  }

  private views(from: number, to: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    let start = this.keptFrom;
    for (const piece of this.pieces) {
      const end = start + piece.length;
      if (end > from && start < to) {
        const a = Math.max(from, start) - start;
        const b = Math.min(to, end) - start;
        out.push(a === 0 && b === piece.length ? piece : piece.subarray(a, b));
      }
      if (end >= to) break;
      start = end;
    }
    return out;
  }

  private trimBefore(offset: number): void {
    if (offset <= this.keptFrom) return;
    if (offset >= this.positionValue) {
      this.release();
      return;
    }
    let start = this.keptFrom;
    let drop = 0;
    while (drop < this.pieces.length && start + this.pieces[drop].length <= offset) start += this.pieces[drop++].length;
    const rest = this.pieces.slice(drop);
    if (rest.length > 0 && start < offset) rest[0] = rest[0].subarray(offset - start);
    this.pieces = rest;
    this.heldLength = this.positionValue - offset;
    this.keptFrom = offset;
  }

  private release(): void {
    this.pieces = [];
    this.heldLength = 0;
    this.keptFrom = this.positionValue;
  }
}
