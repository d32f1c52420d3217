import { ChunkReader } from '../core/getmedia/chunk-reader';
import type { ElementEvent } from '../core/getmedia/element-tap';
import type { ChunkRecord } from '../core/getmedia/record';
import type { ChunkElements } from '../protocol';
import { elementsNote, MAX_ELEMENTS, MAX_READ, toNodes, type ChunkBytesSource } from './element-nodes';

/** The live session's most recent chunks kept for the element tree and the hex pane: at most this many bytes. */
const HELD_BYTES = 64 * 1024 * 1024;

export const NOT_HELD =
  'Bytes no longer held: a live inspector keeps the bytes of its latest 64 MiB of chunks, and only of those that arrived while Save capture… runs (open the capture for all of them).';
/** A fragment-list inspector has no Save capture…: it reads its fragments without keeping their bytes. */
export const FRAGMENT_LIST_NOT_HELD =
  'Bytes not held: this inspector reads its fragments without keeping their bytes (it has no Save capture…).';

interface Held {
  /** Where the bytes' first byte sits in the offsets shown: the chunk's session offset, or 0 for bytes fetched again. */
  offset: number;
  bytes: Uint8Array;
  /** When the bytes were fetched again with GetMediaForFragmentList; null: the GetMedia chunk's own bytes. */
  fetchedAt: number | null;
}

/** What bytes fetched again are, and how their offsets count. */
function fetchedNote(length: number, fetchedAt: number): string {
  const time = `${new Date(fetchedAt).toISOString().slice(11, 19)} UTC`;
  return (
    `Fetched again with GetMediaForFragmentList at ${time}: ${length.toLocaleString('en-US')} bytes. ` +
    'They are not the GetMedia chunk byte for byte (GetMediaForFragmentList adds no MILLIS_BEHIND_NOW or ' +
    'CONTINUATION_TOKEN tags), so sizes and offsets can differ from the row: offsets here count from the first fetched byte (0).'
  );
}

/**
 * A bounded window of chunk bytes by chunk index (oldest dropped first): the latest GetMedia chunks while a capture
 * runs, and chunks fetched again on request, within the same budget.
 */
export class HeldChunks implements ChunkBytesSource {
  private readonly chunks = new Map<number, Held>();
  private bytes = 0;

  /** `notHeld`: what a chunk without bytes says (it depends on the feed). */
  constructor(
    private readonly limit = HELD_BYTES,
    readonly notHeld = NOT_HELD,
  ) {}

  add(record: ChunkRecord, bytes: Uint8Array): void {
    this.put(record.index, { offset: record.byteOffset, bytes, fetchedAt: null });
  }

  /** Chunk `index`'s bytes as GetMediaForFragmentList sent them at `fetchedAt` (epoch ms). */
  addFetched(index: number, bytes: Uint8Array, fetchedAt: number): void {
    this.put(index, { offset: 0, bytes, fetchedAt });
  }

  get heldBytes(): number {
    return this.bytes;
  }

  async elements(index: number): Promise<ChunkElements> {
    const held = this.chunks.get(index);
    if (!held) return { elements: [], note: this.notHeld, notHeld: true };
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
    const listed = elementsNote(found.length, reader.fault);
    if (held.fetchedAt === null) return { elements, note: listed };
    const note = [fetchedNote(held.bytes.length, held.fetchedAt), listed && `(${listed})`].filter(Boolean).join(' ');
    return { elements, note, range: { offset: held.offset, length: held.bytes.length } };
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

  private put(index: number, held: Held): void {
    if (held.bytes.length > this.limit) return;
    const before = this.chunks.get(index);
    if (before) {
      this.chunks.delete(index);
      this.bytes -= before.bytes.length;
    }
    this.chunks.set(index, held);
    this.bytes += held.bytes.length;
    for (const [oldest, dropped] of this.chunks) {
      if (this.bytes <= this.limit) break;
      this.chunks.delete(oldest);
      this.bytes -= dropped.bytes.length;
    }
  }
}
