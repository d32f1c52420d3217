import { ChunkReader } from '../core/getmedia/chunk-reader';
import type { ElementEvent } from '../core/getmedia/element-tap';
import type { ChunkRecord } from '../core/getmedia/record';
import type { ElementNode } from '../protocol';
import { elementsNote, MAX_ELEMENTS, MAX_READ, toNodes, type ChunkBytesSource } from './element-nodes';

/** The live session's most recent chunks kept for the element tree and the hex pane: at most this many bytes. */
const HELD_BYTES = 64 * 1024 * 1024;

export const NOT_HELD =
  'Bytes not held: a live inspector keeps the latest 64 MiB of chunks while Save capture… runs (open the capture for all of them).';

/** A bounded window of the latest chunks' bytes (oldest dropped first), by chunk index. */
export class HeldChunks implements ChunkBytesSource {
  private readonly chunks = new Map<number, { offset: number; bytes: Uint8Array }>();
  private bytes = 0;

  constructor(private readonly limit = HELD_BYTES) {}

  add(record: ChunkRecord, bytes: Uint8Array): void {
    if (bytes.length > this.limit) return;
    this.chunks.set(record.index, { offset: record.byteOffset, bytes });
    this.bytes += bytes.length;
    for (const [index, held] of this.chunks) {
      if (this.bytes <= this.limit) break;
      this.chunks.delete(index);
      this.bytes -= held.bytes.length;
    }
  }

  get heldBytes(): number {
    return this.bytes;
  }

  async elements(index: number): Promise<{ elements: ElementNode[]; note: string | null }> {
    const held = this.chunks.get(index);
    if (!held) return { elements: [], note: NOT_HELD };
    const found: ElementEvent[] = [];
    // The chunk alone (it starts with its EBML header); its offsets are moved to where it was in the session.
    const reader = new ChunkReader({
      onElement: (e) => {
        if (found.length < MAX_ELEMENTS) found.push({ ...e, chunk: index, offset: e.offset + held.offset });
      },
    });
    reader.push(held.bytes);
    reader.end();
    const elements = await toNodes(found, (offset, size) => this.read(index, offset, size));
    return { elements, note: elementsNote(found.length, reader.fault) };
  }

  async read(index: number, offset: number, length: number): Promise<Uint8Array> {
    const held = this.chunks.get(index);
    if (!held) return new Uint8Array(0);
    const from = Math.max(0, offset - held.offset);
    return held.bytes.subarray(from, from + Math.min(MAX_READ, Math.max(0, length)));
  }

  clear(): void {
    this.chunks.clear();
    this.bytes = 0;
  }
}
