/** Decoders for EBML leaf payloads. */

/** Big-endian unsigned integer of 0–8 bytes; null when it exceeds 2^53 - 1 (no silent rounding). */
export function readUint(bytes: Uint8Array): number | null {
  let value = 0;
  for (let i = 0; i < bytes.length; i++) value = value * 256 + bytes[i];
  return value > Number.MAX_SAFE_INTEGER ? null : value;
}

/** Big-endian signed 16-bit integer at `at` (a Block's relative timecode). */
export function readInt16(bytes: Uint8Array, at: number): number {
  const v = (bytes[at] << 8) | bytes[at + 1];
  return v >= 0x8000 ? v - 0x10000 : v;
}

/** IEEE float of 4 or 8 bytes (0 bytes means 0); null for any other width. */
export function readFloat(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 4) return view.getFloat32(0);
  if (bytes.length === 8) return view.getFloat64(0);
  return bytes.length === 0 ? 0 : null;
}

const utf8 = new TextDecoder('utf-8');

/** EBML strings may be padded with NUL bytes: they end at the first one. */
export function readString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return utf8.decode(nul >= 0 ? bytes.subarray(0, nul) : bytes);
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, '0');
  return out;
}
