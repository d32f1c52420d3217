import { concat } from '../../src/core/ebml/writer';
/** Deterministic mutation of real inputs, for the fuzz test and bench/fuzz.ts. */

/** mulberry32: a tiny seeded PRNG so every run sees the same cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [
  0x00, 0x01, 0x7f, 0x80, 0xff, 0x1a, 0x45, 0xdf, 0xa3, 0x18, 0x53, 0x1f, 0x43, 0xb6, 0x75, 0x12, 0x54, 0xc3, 0x67,
];

/** One mutated copy of one of `inputs`: byte flips, EBML-ish bytes, inserts, deletes, cuts, duplicated or spliced ranges. */
export function mutate(inputs: readonly Uint8Array[], random: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(random() * n);
  let bytes: Uint8Array = Uint8Array.from(inputs[pick(inputs.length)]);
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds && bytes.length > 0; r++) {
    const at = pick(bytes.length);
    switch (pick(7)) {
      case 0:
        for (let k = 0; k < 1 + pick(8); k++) bytes[pick(bytes.length)] ^= 1 << pick(8);
        break;
      case 1:
        bytes[at] = INTERESTING[pick(INTERESTING.length)];
        break;
      case 2: {
        const extra = Uint8Array.from({ length: 1 + pick(16) }, () => pick(256));
        bytes = concat([bytes.subarray(0, at), extra, bytes.subarray(at)]);
        break;
      }
      case 3:
        bytes = concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + pick(64)))]);
        break;
      case 4:
        bytes = bytes.subarray(0, at);
        break;
      case 5: {
        const len = 1 + pick(256);
        bytes = concat([bytes.subarray(0, at), bytes.subarray(at, at + len), bytes.subarray(at)]);
        break;
      }
      default: {
        const other = inputs[pick(inputs.length)];
        const from = pick(other.length);
        bytes = concat([bytes.subarray(0, at), other.subarray(from, from + 1 + pick(4096))]);
      }
    }
  }
  return bytes;
}
