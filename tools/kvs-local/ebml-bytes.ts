import { Id } from '../../src/core/ebml/ids';

/** Reading EBML element headers out of bytes already in memory (ids keep their marker bits, as in ids.ts). */

export const UNKNOWN = -1;

export interface ElementHeader {
  id: number;
  /** Payload size, or UNKNOWN for an all-ones size field. */
  size: number;
  headerLength: number;
}

/** null: more bytes are needed. Throws RangeError for bytes that cannot be an element header. */
export function readElementHeader(bytes: Uint8Array, at: number): ElementHeader | null {
  if (at >= bytes.length) return null;
  const first = bytes[at];
  const idLength = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (idLength === 0) throw new RangeError(`byte 0x${first.toString(16).padStart(2, '0')} cannot start an EBML element id`);
  if (at + idLength >= bytes.length) return null;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + bytes[at + i];
  const sizeAt = at + idLength;
  const lead = bytes[sizeAt];
  if (lead === 0) throw new RangeError('an EBML size field longer than 8 bytes');
  const sizeLength = Math.clz32(lead) - 23;
  if (sizeAt + sizeLength > bytes.length) return null;
  let value = lead & (0xff >> sizeLength);
  let allOnes = value === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const b = bytes[sizeAt + i];
    value = value * 256 + b;
    allOnes &&= b === 0xff;
  }
  return { id, size: allOnes ? UNKNOWN : value, headerLength: idLength + sizeLength };
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
    const end = header.size === UNKNOWN ? to : dataStart + header.size;
    if (end > to) throw new RangeError(`element 0x${header.id.toString(16)} at byte ${at} runs past its parent`);
    out.push({ ...header, start: at, dataStart, end });
    at = end;
  }
  return out;
}

export function readUint(bytes: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 256 + bytes[i];
  return v;
}

export const readText = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8').replace(/\0+$/, '');

/** Elements that live directly in a Segment: one of them ends an unknown-size Cluster. */
export const SEGMENT_LEVEL_IDS: ReadonlySet<number> = new Set([
  Id.SeekHead, Id.Info, Id.Tracks, Id.Cluster, Id.Cues, Id.Chapters, Id.Attachments, Id.Tags,
]);
