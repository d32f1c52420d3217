/** EBML variable-length integers: element ids keep their marker bits, sizes drop them. */

/** Width in bytes announced by a vint's first byte (its leading zero bits + 1), or 0 when the byte is 0x00. */
export function vintWidth(firstByte: number): number {
  if (firstByte === 0) return 0;
  return Math.clz32(firstByte) - 23;
}

/**
 * Result of decoding a size: a byte count, SIZE_UNKNOWN (all value bits set: the element runs until its parent ends
 * or a sibling-level element begins), or SIZE_TOO_LARGE for sizes beyond 2^53 - 1.
 */
export const SIZE_UNKNOWN = -1;
export const SIZE_TOO_LARGE = -2;

/** Reads a size vint of `width` bytes at `at` (the caller checked the bytes are there). */
export function readSize(bytes: Uint8Array, at: number, width: number): number {
  const marker = 0x80 >> (width - 1);
  let value = bytes[at] & (marker - 1);
  let allOnes = value === marker - 1;
  for (let i = 1; i < width; i++) {
    const b = bytes[at + i];
    if (b !== 0xff) allOnes = false;
    value = value * 256 + b;
  }
  if (allOnes) return SIZE_UNKNOWN;
  return value > Number.MAX_SAFE_INTEGER ? SIZE_TOO_LARGE : value;
}

/** Reads an element id of `width` bytes (1–4) at `at`, marker bits included, as it appears on the wire. */
export function readId(bytes: Uint8Array, at: number, width: number): number {
  let id = bytes[at];
  for (let i = 1; i < width; i++) id = id * 256 + bytes[at + i];
  return id;
}

/** An id whose value bits are all ones is reserved and never names an element. */
const RESERVED_IDS = [0, 0xff, 0x7fff, 0x3fffff, 0x1fffffff];
export function isReservedId(id: number, width: number): boolean {
  return RESERVED_IDS[width] === id;
}
