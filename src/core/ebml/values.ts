/** Decoders for EBML leaf payloads. */

/** Big-endian unsigned integer of 0–8 bytes (`bytes[start..end)`); null when it exceeds 2^53 - 1 (no silent rounding). */
export function readUint(bytes: Uint8Array, start = 0, end = bytes.length): number | null {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 256 + bytes[i];
  return value > Number.MAX_SAFE_INTEGER ? null : value;
}

/** Big-endian signed 16-bit integer at `at` (a Block's relative timecode). */
export function readInt16(bytes: Uint8Array, at: number): number {
  const v = (bytes[at] << 8) | bytes[at + 1];
  return v >= 0x8000 ? v - 0x10000 : v;
}

/** IEEE float of 4 or 8 bytes (`bytes[start..end)`; 0 bytes means 0); null for any other width. */
export function readFloat(bytes: Uint8Array, start = 0, end = bytes.length): number | null {
  const length = end - start;
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, length);
  if (length === 4) return view.getFloat32(0);
  if (length === 8) return view.getFloat64(0);
  return length === 0 ? 0 : null;
}

const utf8 = new TextDecoder('utf-8');

/** EBML strings (`bytes[start..end)`) may be padded with NUL bytes: they end at the first one. */
export function readString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return utf8.decode(bytes.subarray(start, stop));
}

/**
 * A string reader that returns the same string object for texts it has seen (tag names repeat in every
 * chunk): comparing the bytes with a known text allocates nothing, decoding them does.
 */
export class InternedStrings {
  private readonly known: string[] = [];
  private readonly knownBytes: Uint8Array[] = [];

  constructor(
    private readonly capacity = 64,
    private readonly maxLength = 64,
  ) {}

  read(bytes: Uint8Array, start = 0, end = bytes.length): string {
    let stop = start;
    while (stop < end && bytes[stop] !== 0) stop++;
    const length = stop - start;
    for (let k = 0; k < this.knownBytes.length; k++) {
      const candidate = this.knownBytes[k];
      if (candidate.length === length && sameBytes(candidate, bytes, start)) return this.known[k];
    }
    const text = utf8.decode(bytes.subarray(start, stop));
    if (this.known.length < this.capacity && length <= this.maxLength) {
      this.known.push(text);
      this.knownBytes.push(bytes.slice(start, stop));
    }
    return text;
  }
}

function sameBytes(candidate: Uint8Array, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < candidate.length; i++) if (candidate[i] !== bytes[start + i]) return false;
  return true;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX[bytes[i]];
  return out;
}
