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
 * - One Segment carrying several fragments (the "merged" capture) gives one record per fragment.
 * - Every record is returned once, with the next index: no record comes again.
 * - When the bytes stop making sense (a cut-off chunk followed by more data, as in appended captures),
 *   the reader looks for the next chunk start and goes on from it: the cut-off chunk comes out with
 *   `truncated: true`, the next record carries `resync` (the skipped byte range) and an anomaly saying so.
 * - When the input ends before a chunk start is found, `fault` says where and why reading stopped; the
 *   chunk in progress is returned with `truncated: true`, nothing before it is lost.
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

  /**
   * Reads the next piece of input. The reader keeps a reference to the last 136 KiB pushed (to look back
   * for a chunk start after a fault): do not modify bytes once pushed.
   */
  push(bytes: Uint8Array): readonly ChunkRecord[] {
    if (this.ended) return [];
    this.reader.push(bytes);
    return this.builder.takeEmitted();
  }

  /** The input is over: returns the last chunk (cut off when the input ended inside it). */
  end(): readonly ChunkRecord[] {
    if (this.ended) return [];
    this.ended = true;
    if (this.reader.searching) {
      this.reader.finish();
      if (this.reader.fault) this.builder.abort(this.reader.fault);
    } else {
      this.builder.finish(this.reader.endsMidElement);
      this.reader.finish();
      this.builder.flush(this.reader.bytesRead);
    }
    return this.builder.takeEmitted();
  }

  get fault(): ReadFault | null {
    return this.reader.fault;
  }

  get bytesRead(): number {
    return this.reader.bytesRead;
  }
}

/** Reads a whole buffer at once; for tests and small files. */
export function readAllChunks(bytes: Uint8Array): { records: ChunkRecord[]; fault: ReadFault | null } {
  const reader = new ChunkReader();
  const records = [...reader.push(bytes)];
  for (const record of reader.end()) records.push(record);
  return { records, fault: reader.fault };
}
