import { ChunkReader } from '../../core/getmedia/chunk-reader';
import type { ChunkRecord, ReadFault } from '../../core/getmedia/record';
import { ChunkBytes, FRAGMENT_SIZE_LIMIT, oversizedAnomaly } from './chunk-bytes';

export interface StitchedChunk {
  record: ChunkRecord;
  /**
   * The chunk's exact bytes as the service sent them, in the pieces they arrived in (views, not copies): only
   * while bytes are kept (a capture is running) and the whole chunk was seen within the fragment limit; else null.
   */
  pieces: readonly Uint8Array[] | null;
}

/** The chunk in progress has grown past the service's fragment limit (reported once per chunk). */
export interface OversizedChunk {
  /** The session index its row will have. */
  index: number;
  bytesSoFar: number;
  limit: number;
}

const REMEMBERED_FRAGMENTS = 4096;
/** What most pushes return (a piece that ends no chunk): one shared array, not a new one per piece. */
const NO_CHUNKS: readonly StitchedChunk[] = Object.freeze([]);

/**
 * Joins the chunks of successive GetMedia connections into one session: a fresh reader per connection,
 * session-wide indexes and byte offsets (offsets into the concatenation of every delivered chunk, which
 * is exactly what a capture file holds), fragments the service repeats dropped, and the partial chunk
 * a dropped connection leaves behind discarded (the resume delivers it whole).
 *
 * It holds no payload bytes unless asked to keep them (keepBytes, for a capture), and then only the chunk in
 * progress, never past the fragment limit: a chunk that grows beyond it is reported and its bytes let go.
 */
export class ChunkStitcher {
  private reader: ChunkReader | null = null;
  private readonly bytes = new ChunkBytes();
  private nextIndex = 0;
  private deliveredBytes = 0;
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  duplicatesDropped = 0;
  /** Connection offset where the chunk in progress began (the end of the last record), and whether it was reported. */
  private chunkStart = 0;
  private oversizeReported = false;
  /** A fault the last connection's reader ended with (it never found a chunk start after it). */
  private endedFault: ReadFault | null = null;

  constructor(
    private readonly onOversized: (chunk: OversizedChunk) => void = () => undefined,
    private readonly limit = FRAGMENT_SIZE_LIMIT,
  ) {}

  /** Keep the bytes of the chunks that begin from now on (off: let go of every byte held). */
  keepBytes(on: boolean): void {
    this.bytes.keep(on);
  }

  /** Bytes held right now (the chunk in progress, while bytes are kept). */
  get heldBytes(): number {
    return this.bytes.held;
  }

  /** The user asked to see chunks again (resume from an older token): forget which fragments were shown. */
  forgetSeen(): void {
    this.seen.clear();
    this.seenOrder.length = 0;
  }

  /** Call at the start of every connection. */
  beginConnection(): void {
    this.reader = new ChunkReader();
    this.endedFault = null;
    this.bytes.reset();
    this.chunkStart = 0;
    this.oversizeReported = false;
  }

  push(bytes: Uint8Array): readonly StitchedChunk[] {
    if (!this.reader) this.beginConnection();
    this.bytes.append(bytes);
    const out = this.take(this.reader!.push(bytes));
    this.checkSize();
    return out;
  }

  /** The connection ended cleanly (complete: true) or broke (false: a truncated last chunk is dropped). */
  endConnection(complete: boolean): readonly StitchedChunk[] {
    const reader = this.reader;
    this.reader = null;
    if (!reader) return NO_CHUNKS;
    const tail = reader.end().filter((r) => complete || !r.truncated);
    this.endedFault = reader.fault ?? null;
    const out = this.take(tail);
    this.bytes.reset();
    return out;
  }

  /** Set once a connection ended while its reader was still looking for a chunk start after a fault. */
  get fault(): ReadFault | null {
    return this.reader?.fault ?? this.endedFault;
  }

  private take(records: readonly ChunkRecord[]): readonly StitchedChunk[] {
    if (records.length === 0) return NO_CHUNKS;
    const out: StitchedChunk[] = [];
    for (const record of records) {
      const end = record.byteOffset + record.byteLength;
      const cut = this.bytes.cut(record.byteOffset, end);
      const pieces = record.byteLength > this.limit ? null : cut;
      this.chunkStart = end;
      this.oversizeReported = false;
      if (record.fragmentNumber !== null && !record.truncated) {
        if (this.seen.has(record.fragmentNumber)) {
          this.duplicatesDropped++;
          continue;
        }
        this.remember(record.fragmentNumber);
      }
      this.shift(record, this.nextIndex++, this.deliveredBytes);
      this.deliveredBytes += record.byteLength;
      out.push({ record, pieces });
    }
    return out;
  }

  /** Reports (once) a chunk in progress past the limit, and stops holding its bytes. */
  private checkSize(): void {
    const soFar = this.bytes.position - this.chunkStart;
    if (soFar <= this.limit) return;
    this.bytes.dropCurrent();
    if (this.oversizeReported) return;
    this.oversizeReported = true;
    this.onOversized({ index: this.nextIndex, bytesSoFar: soFar, limit: this.limit });
  }

  /**
   * Gives the reader's record its session index and offsets in place: the record is this connection's reader's
   * fresh object (its ranges too), nobody else holds it, and a copy per chunk would only be more garbage.
   */
  private shift(record: ChunkRecord, index: number, byteOffset: number): void {
    const delta = byteOffset - record.byteOffset;
    const { ranges } = record;
    if (ranges.ebmlHeader) ranges.ebmlHeader.offset += delta;
    if (ranges.info) ranges.info.offset += delta;
    if (ranges.tracks) ranges.tracks.offset += delta;
    if (ranges.cluster) ranges.cluster.offset += delta;
    record.index = index;
    record.byteOffset = byteOffset;
    if (record.byteLength > this.limit) record.anomalies.push(oversizedAnomaly(record.byteLength, this.limit));
  }

  private remember(fragmentNumber: string): void {
    this.seen.add(fragmentNumber);
    this.seenOrder.push(fragmentNumber);
    if (this.seenOrder.length > REMEMBERED_FRAGMENTS) this.seen.delete(this.seenOrder.shift()!);
  }
}
