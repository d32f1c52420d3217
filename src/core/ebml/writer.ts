import { Id } from './ids';
import { SIZE_UNKNOWN } from './vint';

/** Serialises EBML elements: used by kvs-local to write GetMedia chunks and by tests to build inputs. */

export function encodeId(id: number): Uint8Array {
  const len = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  const out = new Uint8Array(len);
  for (let i = len - 1, v = id; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

/** A size vint of the smallest width (or `width` bytes); SIZE_UNKNOWN writes the 8-byte all-ones marker. */
export function encodeSize(size: number, width?: number): Uint8Array {
  if (size === SIZE_UNKNOWN) return Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
  let len = width ?? 1;
  // 2^(7n) - 1 is reserved for "unknown", so a size must stay strictly below it.
  while (size >= 2 ** (7 * len) - 1) len++;
  if (len > 8) throw new RangeError(`EBML size ${size} does not fit 8 bytes`);
  const out = new Uint8Array(len);
  let v = size;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] |= 0x80 >> (len - 1);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function element(id: number, ...children: Uint8Array[]): Uint8Array {
  const body = concat(children);
  return concat([encodeId(id), encodeSize(body.length), body]);
}

/** An element header of unknown size; its children follow it unframed. */
export function unknownSizeHeader(id: number): Uint8Array {
  return concat([encodeId(id), encodeSize(SIZE_UNKNOWN)]);
}

export function uintElement(id: number, value: number | bigint): Uint8Array {
  let v = BigInt(value);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  return element(id, Uint8Array.from(bytes));
}

export function stringElement(id: number, value: string): Uint8Array {
  return element(id, new TextEncoder().encode(value));
}

export function ebmlHeader(docType = 'matroska'): Uint8Array {
  return element(
    Id.EBML,
    uintElement(Id.EBMLVersion, 1),
    uintElement(Id.EBMLReadVersion, 1),
    uintElement(Id.EBMLMaxIDLength, 4),
    uintElement(Id.EBMLMaxSizeLength, 8),
    stringElement(Id.DocType, docType),
    uintElement(Id.DocTypeVersion, 4),
    uintElement(Id.DocTypeReadVersion, 2),
  );
}

/** A Tags element with one Tag holding the given SimpleTags (string values). */
export function tagsElement(tags: ReadonlyArray<readonly [name: string, value: string]>): Uint8Array {
  const simple = tags.map(([name, value]) =>
    element(Id.SimpleTag, stringElement(Id.TagName, name), stringElement(Id.TagString, value)),
  );
  return element(Id.Tags, element(Id.Tag, element(Id.Targets), ...simple));
}
