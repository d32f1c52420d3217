import { ChunkReader } from '../../core/getmedia/chunk-reader';
import type { ChunkRecord, ReadFault } from '../../core/getmedia/record';

export interface StitchedChunk {
  record: ChunkRecord;
  /** The chunk's exact bytes, as the service sent them (for capture files). */
  bytes: Uint8Array;
}

const REMEMBERED_FRAGMENTS = 4096;

/**
 * Joins the chunks of successive GetMedia connections into one session: a fresh reader per connection,
 * session-wide indexes and byte offsets (offsets into the concatenation of every delivered chunk, which
 * is exactly what a capture file holds), fragments the service repeats dropped, and the partial chunk
 * a dropped connection leaves behind discarded (the resume delivers it whole).
 */
export class ChunkStitcher {
  private reader: ChunkReader | null = null;
  /** Bytes of the current connection not yet handed out as chunks, starting at connection offset `pendingStart`. */
  private pending: Uint8Array[] = [];
  private pendingStart = 0;
  private pendingLength = 0;
  private nextIndex = 0;
  private deliveredBytes = 0;
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  duplicatesDropped = 0;

  /** The user asked to see chunks again (resume from an older token): forget which fragments were shown. */
  forgetSeen(): void {
    this.seen.clear();
    this.seenOrder.length = 0;
  }

  /** Call at the start of every connection. */
  beginConnection(): void {
    this.reader = new ChunkReader();
    this.pending = [];
    this.pendingStart = 0;
    this.pendingLength = 0;
  }

  push(bytes: Uint8Array): StitchedChunk[] {
    if (!this.reader) this.beginConnection();
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    return this.take(this.reader!.push(bytes));
  }

  /** The connection ended cleanly (complete: true) or broke (false: a truncated last chunk is dropped). */
  endConnection(complete: boolean): StitchedChunk[] {
    const reader = this.reader;
    this.reader = null;
    if (!reader) return [];
    const tail = reader.end().filter((r) => complete || !r.truncated);
    const out = this.take(tail);
    this.pending = [];
    this.pendingLength = 0;
    return out;
  }

  get fault(): ReadFault | null {
    return this.reader?.fault ?? null;
  }

  private take(records: ChunkRecord[]): StitchedChunk[] {
    const out: StitchedChunk[] = [];
    for (const record of records) {
      const bytes = this.cut(record.byteOffset, record.byteLength);
      if (record.fragmentNumber !== null && !record.truncated) {
        if (this.seen.has(record.fragmentNumber)) {
          this.duplicatesDropped++;
          continue;
        }
        this.remember(record.fragmentNumber);
      }
      const renumbered = this.shift(record, this.nextIndex++, this.deliveredBytes);
      this.deliveredBytes += bytes.length;
      out.push({ record: renumbered, bytes });
    }
    return out;
  }

  private shift(record: ChunkRecord, index: number, byteOffset: number): ChunkRecord {
    const delta = byteOffset - record.byteOffset;
    const ranges: ChunkRecord['ranges'] = {};
    for (const [key, range] of Object.entries(record.ranges) as Array<
      [keyof ChunkRecord['ranges'], { offset: number; length: number }]
    >) {
      ranges[key] = { offset: range.offset + delta, length: range.length };
    }
    return { ...record, index, byteOffset, ranges };
  }

  /** Takes bytes [offset, offset+length) of this connection out of the pending buffer (and everything before). */
  private cut(offset: number, length: number): Uint8Array {
    const from = Math.max(0, offset - this.pendingStart);
    const to = Math.min(this.pendingLength, offset + length - this.pendingStart);
    const joined = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingLength);
    const bytes = joined.subarray(from, Math.max(from, to));
    const rest = joined.subarray(Math.max(from, to));
    this.pendingStart += this.pendingLength - rest.length;
    this.pending = rest.length ? [rest] : [];
    this.pendingLength = rest.length;
    return bytes;
  }

  private remember(fragmentNumber: string): void {
    this.seen.add(fragmentNumber);
    this.seenOrder.push(fragmentNumber);
    if (this.seenOrder.length > REMEMBERED_FRAGMENTS) this.seen.delete(this.seenOrder.shift()!);
  }
}
