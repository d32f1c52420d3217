import { readUint as readCoreUint } from '../src/core/ebml/values';
import { readId, readSize, SIZE_TOO_LARGE, SIZE_UNKNOWN, vintWidth } from '../src/core/ebml/vint';

/** Reading EBML element headers out of bytes already in memory (ids keep their marker bits, as in ids.ts). */

export interface ElementHeader {
  id: number;
  /** Payload size, or SIZE_UNKNOWN for an all-ones size field. */
  size: number;
  headerLength: number;
}

/** null: more bytes are needed. Throws RangeError for bytes that cannot be an element header. */
export function readElementHeader(bytes: Uint8Array, at: number): ElementHeader | null {
  if (at >= bytes.length) return null;
  const idLength = vintWidth(bytes[at]);
  if (idLength === 0 || idLength > 4)
    throw new RangeError(`byte 0x${bytes[at].toString(16).padStart(2, '0')} cannot start an EBML element id`);
  if (at + idLength >= bytes.length) return null;
  const sizeAt = at + idLength;
  const sizeLength = vintWidth(bytes[sizeAt]);
  if (sizeLength === 0) throw new RangeError('an EBML size field longer than 8 bytes');
  if (sizeAt + sizeLength > bytes.length) return null;
  const size = readSize(bytes, sizeAt, sizeLength);
  if (size === SIZE_TOO_LARGE) throw new RangeError(`an EBML size beyond 2^53 at byte ${sizeAt}`);
  return { id: readId(bytes, at, idLength), size, headerLength: idLength + sizeLength };
}

export interface ChildElement extends ElementHeader {
  /** Offset of the element's first header byte in the bytes given. */
  start: number;
  dataStart: number;
  end: number;
}

/** The direct children of a known-size payload (bytes[from, to)); unknown-size children run to `to`. */
export function childElements(bytes: Uint8Array, from = 0, to = bytes.length): ChildElement[] {
  const out: ChildElement[] = [];
  let at = from;
  while (at < to) {
    const header = readElementHeader(bytes.subarray(0, to), at);
    if (!header) throw new RangeError(`an element header is cut off at byte ${at}`);
    const dataStart = at + header.headerLength;
    const end = header.size === SIZE_UNKNOWN ? to : dataStart + header.size;
    if (end > to) throw new RangeError(`element 0x${header.id.toString(16)} at byte ${at} runs past its parent`);
    out.push({ ...header, start: at, dataStart, end });
    at = end;
  }
  return out;
}

/** Big-endian unsigned integer; 0 for one beyond 2^53 - 1 (never a timecode or scale a producer writes). */
export const readUint = (bytes: Uint8Array, from: number, to: number): number => readCoreUint(bytes, from, to) ?? 0;
