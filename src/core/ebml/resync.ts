import { Id } from './ids';
import { readSize, SIZE_UNKNOWN, vintWidth } from './vint';

/**
 * What the reader needs to recover after a fault: the last bytes of the input (a ring, filled once per push
 * from the tail of the caller's bytes, so well-formed input pays one bounded copy per push) and the test
 * for a chunk start (an EBML header whose DocType reads, or a Segment whose first child is a Segment-level
 * element).
 */

/** How far before a fault the search may start: the largest frame of a 1080p capture fits. */
export const LOOKBACK = 128 * 1024;
/** The ring keeps a little more, for a fault found while re-reading bytes the ring already holds. */
const RING = LOOKBACK + 8 * 1024;

/** What `current` is between pushes: one shared empty array, not a new one after every push. */
const NO_BYTES = new Uint8Array(0);

/** Byte access by absolute offset across the ring (older pushes) and the current push. */
export class Lookback {
  private readonly ring = new Uint8Array(RING);
  private current: Uint8Array = NO_BYTES;
  /** Absolute offset of current[0]. */
  private base = 0;

  /** The push in progress (its bytes are read in place, not copied). */
  begin(bytes: Uint8Array, base: number): void {
    this.current = bytes;
    this.base = base;
  }

  /** The push is done: its last RING bytes go to the ring (the caller may reuse its buffer). */
  end(): void {
    const bytes = this.current;
    const take = Math.min(bytes.length, RING);
    const from = this.base + bytes.length - take;
    const at = from % RING;
    const first = Math.min(take, RING - at);
    // A whole push that fits before the ring's end (most of them) is copied without a view object.
    if (take === bytes.length && first === take) this.ring.set(bytes, at);
    else this.ring.set(bytes.subarray(bytes.length - take, bytes.length - take + first), at);
    if (first < take) this.ring.set(bytes.subarray(bytes.length - take + first), 0);
    this.base += bytes.length;
    this.current = NO_BYTES;
  }

  /** The oldest absolute offset still readable. */
  get floor(): number {
    return Math.max(0, this.base - RING);
  }

  /** One past the last readable offset (the end of the push in progress). */
  get available(): number {
    return this.base + this.current.length;
  }

  byteAt(offset: number): number {
    return offset >= this.base ? this.current[offset - this.base] : this.ring[offset % RING];
  }

  /** Bytes [from, to) as one array: a view of the current push when they are all in it, else a copy. */
  slice(from: number, to: number): { bytes: Uint8Array; start: number } {
    if (from >= this.base) return { bytes: this.current, start: from - this.base };
    const out = new Uint8Array(to - from);
    for (let k = 0; k < out.length; k++) out[k] = this.byteAt(from + k);
    return { bytes: out, start: 0 };
  }
}

const SEGMENT_CHILDREN: ReadonlySet<number> = new Set<number>([
  Id.SeekHead,
  Id.Info,
  Id.Tracks,
  Id.Cluster,
  Id.Cues,
  Id.Tags,
  Id.Chapters,
  Id.Attachments,
  Id.Void,
  Id.CRC32,
]);
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
