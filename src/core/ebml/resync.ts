import { Id } from './ids';
import { SEGMENT_LEVEL_IDS } from './schema';
import { readSize, SIZE_UNKNOWN, vintWidth } from './vint';

/**
 * What the reader needs to recover after a fault: the last bytes of the input, and the test for a chunk start
 * (an EBML header whose DocType reads, or a Segment whose first child is a Segment-level element).
 */

/** How far before a fault the search may start: the largest frame of a 1080p capture fits. */
export const LOOKBACK = 128 * 1024;
/** Kept a little longer than LOOKBACK, for a fault met while re-reading bytes after a resync. */
const KEEP = LOOKBACK + 8 * 1024;
/** Pushes at least this long are kept by reference; shorter ones are copied into blocks of this size. */
const BLOCK = 4096;

interface Held {
  bytes: Uint8Array;
  /** Absolute offset of bytes[0]. */
  base: number;
}

/**
 * The last KEEP bytes of the input, by absolute offset. Pushes are kept by reference (well-formed input pays
 * nothing per byte: the caller must not modify bytes it pushed), tiny ones copied into small blocks.
 */
export class Lookback {
  private readonly held: Held[] = [];
  /** A block still being filled by short pushes (the last entry of `held` when not null). */
  private open: Uint8Array | null = null;
  private openLength = 0;
  /** Absolute offset just past the last byte held. */
  private end = 0;

  /** Holds the push in progress (read in place), and KEEP bytes before it. */
  add(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    while (this.held.length > 1 && this.end - this.held[1].base >= KEEP) this.held.shift();
    if (bytes.length >= BLOCK) {
      this.seal();
      this.held.push({ bytes, base: this.end });
    } else this.copy(bytes);
    this.end += bytes.length;
  }

  /** The oldest absolute offset still readable. */
  get floor(): number {
    return this.held.length ? this.held[0].base : this.end;
  }

  get available(): number {
    return this.end;
  }

  byteAt(offset: number): number {
    for (let k = this.held.length - 1; k >= 0; k--) {
      const h = this.held[k];
      if (offset >= h.base) return h.bytes[offset - h.base];
    }
    return 0;
  }

  /** Bytes [from, available) as one array: a view when one held piece has them all, else a copy. */
  slice(from: number): { bytes: Uint8Array; start: number } {
    const last = this.held[this.held.length - 1];
    if (last && from >= last.base)
      return { bytes: last.bytes.subarray(0, this.end - last.base), start: from - last.base };
    const out = new Uint8Array(this.end - from);
    for (let k = 0; k < out.length; k++) out[k] = this.byteAt(from + k);
    return { bytes: out, start: 0 };
  }

  private copy(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.open === null || this.openLength === BLOCK) {
        this.seal();
        this.open = new Uint8Array(BLOCK);
        this.held.push({ bytes: this.open, base: this.end + at });
      }
      const take = Math.min(BLOCK - this.openLength, bytes.length - at);
      this.open.set(bytes.subarray(at, at + take), this.openLength);
      this.openLength += take;
      at += take;
    }
  }

  /** Ends the open block (its held view is cut to what was filled). */
  private seal(): void {
    if (this.open === null) return;
    const last = this.held[this.held.length - 1];
    last.bytes = this.open.subarray(0, this.openLength);
    this.open = null;
    this.openLength = 0;
  }
}

/** What may follow a Segment header: a level-1 element, or Void and CRC-32, which may stand anywhere. */
const SEGMENT_CHILDREN: ReadonlySet<number> = new Set<number>([...SEGMENT_LEVEL_IDS, Id.Void, Id.CRC32]);
const MAX_EBML_HEADER = 256;
const MORE = -1;
const NO = 0;
const YES = 1;

/** Reads `width` bytes at `at` as a big-endian number (ids keep their marker bits). */
function idAt(bytes: Lookback, at: number, width: number): number {
  let id = 0;
  for (let k = 0; k < width; k++) id = id * 256 + bytes.byteAt(at + k);
  return id;
}

function sizeAt(bytes: Lookback, at: number, width: number): number {
  const tmp = new Uint8Array(width);
  for (let k = 0; k < width; k++) tmp[k] = bytes.byteAt(at + k);
  return readSize(tmp, 0, width);
}

/** A DocType value that reads: 1 to 32 printable ASCII characters (NUL padding allowed after them). */
function docTypeReads(bytes: Lookback, at: number, size: number): boolean {
  let length = 0;
  while (length < size && bytes.byteAt(at + length) !== 0) length++;
  if (length === 0 || length > 32) return false;
  for (let k = 0; k < length; k++) {
    const c = bytes.byteAt(at + k);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** YES, NO, or MORE (the bytes to decide are not all here yet) for an EBML header at `p`. */
function ebmlHeaderAt(bytes: Lookback, p: number, end: number): number {
  if (p + 5 > end) return MORE;
  const sizeWidth = vintWidth(bytes.byteAt(p + 4));
  if (sizeWidth === 0) return NO;
  if (p + 4 + sizeWidth > end) return MORE;
  const size = sizeAt(bytes, p + 4, sizeWidth);
  if (size === SIZE_UNKNOWN || size < 0 || size > MAX_EBML_HEADER) return NO;
  const bodyEnd = p + 4 + sizeWidth + size;
  if (bodyEnd > end) return MORE;
  let at = p + 4 + sizeWidth;
  let reads = false;
  while (at < bodyEnd) {
    const idWidth = vintWidth(bytes.byteAt(at));
    if (idWidth === 0 || idWidth > 4 || at + idWidth >= bodyEnd) return NO;
    const childSizeWidth = vintWidth(bytes.byteAt(at + idWidth));
    if (childSizeWidth === 0 || at + idWidth + childSizeWidth > bodyEnd) return NO;
    const childSize = sizeAt(bytes, at + idWidth, childSizeWidth);
    const valueAt = at + idWidth + childSizeWidth;
    if (childSize < 0 || valueAt + childSize > bodyEnd) return NO;
    if (idAt(bytes, at, idWidth) === Id.DocType) reads = docTypeReads(bytes, valueAt, childSize);
    at = valueAt + childSize;
  }
  return reads ? YES : NO;
}

/** YES, NO, or MORE for a Segment at `p`: its size reads and its first child is a Segment-level element. */
function segmentAt(bytes: Lookback, p: number, end: number): number {
  if (p + 5 > end) return MORE;
  const sizeWidth = vintWidth(bytes.byteAt(p + 4));
  if (sizeWidth === 0) return NO;
  const child = p + 4 + sizeWidth;
  if (child >= end) return MORE;
  const idWidth = vintWidth(bytes.byteAt(child));
  if (idWidth === 0 || idWidth > 4) return NO;
  if (child + idWidth > end) return MORE;
  return SEGMENT_CHILDREN.has(idAt(bytes, child, idWidth)) ? YES : NO;
}

/**
 * Looks for the next chunk start from `from`, over the bytes the lookback can read. Returns its absolute
 * offset, or MORE (-1) with `from` left where the search must go on when more bytes arrive.
 */
export class ChunkStartSearch {
  constructor(public from: number) {}

  run(bytes: Lookback): number {
    const end = bytes.available;
    for (let p = this.from; p + 4 <= end; p++) {
      const b = bytes.byteAt(p);
      if (b !== 0x1a && b !== 0x18) continue;
      const id = idAt(bytes, p, 4);
      const verdict = id === Id.EBML ? ebmlHeaderAt(bytes, p, end) : id === Id.Segment ? segmentAt(bytes, p, end) : NO;
      if (verdict === YES) return p;
      if (verdict === MORE) {
        this.from = p;
        return MORE;
      }
    }
    this.from = Math.max(this.from, end - 3);
    return MORE;
  }
}
