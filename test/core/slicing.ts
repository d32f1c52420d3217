import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord, ReadFault } from '../../src/core/getmedia/record';

export interface SlicedRead {
  /** Every record in the order push()/end() returned it. */
  emitted: ChunkRecord[];
  /** The same records (each is returned once, so they are the emitted ones). */
  records: ChunkRecord[];
  fault: ReadFault | null;
}

/** Feeds `bytes` to a fresh ChunkReader in pieces of `size` bytes (Infinity: one piece). */
export function readSliced(bytes: Uint8Array, size: number): SlicedRead {
  const reader = new ChunkReader();
  const emitted: ChunkRecord[] = [];
  const step = Number.isFinite(size) ? size : bytes.length || 1;
  for (let at = 0; at < bytes.length; at += step) emitted.push(...reader.push(bytes.subarray(at, at + step)));
  emitted.push(...reader.end());
  return { emitted, records: emitted, fault: reader.fault };
}

export const SLICE_SIZES = [1, 7, 4096, 65536, Infinity] as const;
