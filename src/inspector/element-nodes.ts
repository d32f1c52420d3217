import { readFloat, readString, readUint } from '../core/ebml/values';
import type { ElementEvent } from '../core/getmedia/element-tap';
import type { ChunkElements, ElementNode } from '../protocol';

/** A page of bytes the hex pane asks for at most (it asks for what is in view). */
export const MAX_READ = 64 * 1024;
export const MAX_ELEMENTS = 200_000;
/** Leaves this short get a value shown in the tree. */
const MAX_VALUE_BYTES = 64;
const TEXT_IDS = new Set([0x4282, 0x86, 0x536e, 0x45a3, 0x4487, 0x4d80, 0x5741, 0x7ba9, 0x447a]);
const FLOAT_IDS = new Set([0x4489, 0xb5]);
const BINARY_IDS = new Set([0xa3, 0xa1, 0xbf, 0xec, 0x4485, 0x63a2, 0x73a4]);

/** Where the element tree and the hex pane of one inspector get their bytes: a file, or the held live chunks. */
export interface ChunkBytesSource {
  elements(index: number): Promise<ChunkElements>;
  /** Bytes at absolute `offset` of chunk `index`; empty when they are not held. */
  read(index: number, offset: number, length: number): Promise<Uint8Array>;
}

/** Element events as tree nodes, short leaves with their value read through `readAt`. */
export async function toNodes(
  events: readonly ElementEvent[],
  readAt: (offset: number, size: number) => Promise<Uint8Array>,
): Promise<ElementNode[]> {
  const out: ElementNode[] = [];
  for (const [i, e] of events.entries()) {
    let value: string | null = null;
    // In file order a master's first child comes right after it, one level deeper.
    const leaf = events[i + 1]?.depth !== e.depth + 1;
    if (leaf && e.size !== null && e.size <= MAX_VALUE_BYTES && !BINARY_IDS.has(Number(e.id)))
      value = leafValue(Number(e.id), await readAt(e.offset + e.headerSize, e.size));
    out.push({ ...e, value });
  }
  return out;
}

function leafValue(id: number, bytes: Uint8Array): string | null {
  if (TEXT_IDS.has(id)) return JSON.stringify(readString(bytes, 0, bytes.length));
  if (FLOAT_IDS.has(id)) return String(readFloat(bytes, 0, bytes.length));
  if (bytes.length <= 8) {
    const n = readUint(bytes, 0, bytes.length);
    return n === null ? null : String(n);
  }
  return null;
}

export function elementsNote(found: number, fault: { message: string } | null): string | null {
  if (found >= MAX_ELEMENTS) return `only the first ${MAX_ELEMENTS.toLocaleString('en-US')} elements are listed`;
  return fault && found === 0 ? `not readable: ${fault.message}` : null;
}
