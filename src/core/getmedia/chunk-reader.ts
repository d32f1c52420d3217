import { EbmlReader } from '../ebml/element-reader';
import { CHUNK_MASTER_IDS, MASTER_IDS } from '../ebml/schema';
import { ChunkBuilder } from './chunk-builder';
import { ElementTap, type ElementEvent } from './element-tap';
import type { ChunkRecord, ReadFault } from './record';

/**
 * Reads GetMedia output (or any Matroska) pushed in pieces of any size and returns chunk records
 * as soon as each is known complete.
 *
 * - GetMedia: one record per chunk, returned when its trailing Tags (MILLIS_BEHIND_NOW /
 *   CONTINUATION_TOKEN) or its error Tags end, else when the next chunk begins or the input ends.
 * - Ordinary Matroska (no GetMedia tags): one record per Cluster, returned when the next begins.
 * - Rare: when one Segment carries several fragments (the "merged" capture), the record is returned
 *   again, updated, under the same `index`: a consumer replaces the row with that index.
 * - After a fault, push() returns [] and `fault` says where and why; the chunk in progress was
 *   returned with `truncated: true`, nothing before it is lost.
 */
export class ChunkReader {
  private readonly builder = new ChunkBuilder();
  private readonly reader: EbmlReader;
  private ended = false;

  /**
   * `onElement` (off by default) reports every element in file order, entering every known master (SeekHead, Cues
   * too); without it the reader skips what the chunk model does not need, at full speed.
   */
  constructor(options: { onElement?: (e: ElementEvent) => void } = {}) {
    const report = options.onElement;
    this.reader = report
      ? new EbmlReader(new ElementTap(this.builder, () => this.builder.currentIndex, report), MASTER_IDS)
      : new EbmlReader(this.builder, CHUNK_MASTER_IDS);
  }

  push(bytes: Uint8Array): ChunkRecord[] {
    if (this.ended || this.reader.fault) return [];
    this.reader.push(bytes);
    const fault = this.reader.fault;
    if (fault) this.builder.abort(fault);
    return this.builder.takeEmitted();
  }

  /** The input is over: returns the last chunk (cut off when the input ended inside it). */
  end(): ChunkRecord[] {
    if (this.ended || this.reader.fault) return [];
    this.ended = true;
    this.builder.finish(this.reader.endsMidElement);
    this.reader.finish();
    this.builder.flush(this.reader.bytesRead);
    return this.builder.takeEmitted();
  }

  get fault(): ReadFault | null {
    return this.reader.fault;
  }

  get bytesRead(): number {
    return this.reader.bytesRead;
  }
}

/** Keeps the latest version of each record: a record returned again under the same index replaces the first. */
export function mergeByIndex(into: ChunkRecord[], records: readonly ChunkRecord[]): void {
  for (const record of records) into[record.index] = record;
}

/** Reads a whole buffer at once; for tests and small files. */
export function readAllChunks(bytes: Uint8Array): { records: ChunkRecord[]; fault: ReadFault | null } {
  const reader = new ChunkReader();
  const records: ChunkRecord[] = [];
  mergeByIndex(records, reader.push(bytes));
  mergeByIndex(records, reader.end());
  return { records, fault: reader.fault };
}
