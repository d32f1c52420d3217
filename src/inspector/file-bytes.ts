import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { readFloat, readString, readUint } from '../core/ebml/values';
import { ChunkReader } from '../core/getmedia/chunk-reader';
import type { ElementEvent } from '../core/getmedia/element-tap';
import type { ElementNode } from '../protocol';

/** A page of bytes the hex pane asks for at most (it asks for what is in view). */
const MAX_READ = 64 * 1024;
const MAX_ELEMENTS = 200_000;
/** Leaves this short get a value shown in the tree. */
const MAX_VALUE_BYTES = 64;
const TEXT_IDS = new Set([0x4282, 0x86, 0x536e, 0x45a3, 0x4487, 0x4d80, 0x5741, 0x7ba9, 0x447a]);
const FLOAT_IDS = new Set([0x4489, 0xb5]);
const BINARY_IDS = new Set([0xa3, 0xa1, 0xbf, 0xec, 0x4485, 0x63a2, 0x73a4]);

/** A capture file's bytes and element tree, read on demand (never whole). */
export class FileBytes {
  constructor(private readonly path: string) {}

  /** The elements of chunk `index`: the file is read from the start with the element hook on, up to that chunk. */
  async elements(index: number): Promise<{ elements: ElementNode[]; note: string | null }> {
    const found: ElementEvent[] = [];
    let past = false;
    const reader = new ChunkReader({
      onElement: (e) => {
        if (e.chunk === index && found.length < MAX_ELEMENTS) found.push(e);
        if (e.chunk > index) past = true;
      },
    });
    const stream = createReadStream(this.path, { highWaterMark: 1024 * 1024 });
    for await (const piece of stream as AsyncIterable<Buffer>) {
      reader.push(piece);
      if (reader.fault || past) break;
    }
    stream.destroy();
    const elements = await this.withValues(found);
    const note =
      found.length >= MAX_ELEMENTS
        ? `only the first ${MAX_ELEMENTS.toLocaleString('en-US')} elements are listed`
        : reader.fault && found.length === 0
          ? `not readable: ${reader.fault.message}`
          : null;
    return { elements, note };
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const size = Math.max(0, Math.min(MAX_READ, Math.floor(length)));
    const handle = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, Math.max(0, Math.floor(offset)));
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  private async withValues(found: readonly ElementEvent[]): Promise<ElementNode[]> {
    const handle = await open(this.path, 'r');
    try {
      const out: ElementNode[] = [];
      for (const [i, e] of found.entries()) {
        let value: string | null = null;
        // In file order a master's first child comes right after it, one level deeper.
        const leaf = found[i + 1]?.depth !== e.depth + 1;
        if (leaf && e.size !== null && e.size <= MAX_VALUE_BYTES && !BINARY_IDS.has(Number(e.id))) {
          const bytes = Buffer.alloc(e.size);
          await handle.read(bytes, 0, e.size, e.offset + e.headerSize);
          value = leafValue(Number(e.id), bytes);
        }
        out.push({ ...e, value });
      }
      return out;
    } finally {
      await handle.close();
    }
  }
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
