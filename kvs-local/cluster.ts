import { Id } from '../src/core/ebml/ids';
import { element, uintElement } from '../src/core/ebml/writer';
import { childElements, readUint } from './ebml-bytes';

/** What a server needs to know about one Cluster: its Timecode, its blocks, and a copy with a new Timecode. */

export interface ClusterFacts {
  timecode: number;
  frames: number;
  keyframes: number;
  /** Last block time minus first block time, in timecode units. */
  spanUnits: number;
}

function blockTime(bytes: Uint8Array, dataStart: number): number | null {
  const trackLength = Math.clz32(bytes[dataStart]) - 23;
  if (trackLength < 1 || trackLength > 8) return null;
  const at = dataStart + trackLength;
  if (at + 2 > bytes.length) return null;
  const raw = (bytes[at] << 8) | bytes[at + 1];
  return raw >= 0x8000 ? raw - 0x10000 : raw;
}

export function clusterFacts(cluster: Uint8Array): ClusterFacts {
  const [outer] = childElements(cluster);
  let timecode = 0;
  let frames = 0;
  let keyframes = 0;
  let first: number | null = null;
  let last: number | null = null;
  const seen = (t: number | null): void => {
    if (t === null) return;
    first = first === null ? t : Math.min(first, t);
    last = last === null ? t : Math.max(last, t);
  };
  for (const child of childElements(cluster, outer.dataStart, outer.end)) {
    if (child.id === Id.Timecode) {
      timecode = readUint(cluster, child.dataStart, child.end);
    } else if (child.id === Id.SimpleBlock) {
      frames++;
      seen(blockTime(cluster, child.dataStart));
      const trackLength = Math.clz32(cluster[child.dataStart]) - 23;
      if (cluster[child.dataStart + trackLength + 2] & 0x80) keyframes++;
    } else if (child.id === Id.BlockGroup) {
      frames++;
      const inner = childElements(cluster, child.dataStart, child.end);
      const block = inner.find((e) => e.id === Id.Block);
      if (block) seen(blockTime(cluster, block.dataStart));
      if (!inner.some((e) => e.id === Id.ReferenceBlock)) keyframes++;
    }
  }
  return { timecode, frames, keyframes, spanUnits: first === null || last === null ? 0 : last - first };
}

/** The same Cluster with its Timecode replaced (blocks are relative to it, so they move along). */
export function withTimecode(cluster: Uint8Array, timecode: number): Uint8Array {
  const [outer] = childElements(cluster);
  const rest = childElements(cluster, outer.dataStart, outer.end)
    .filter((c) => c.id !== Id.Timecode)
    .map((c) => cluster.subarray(c.start, c.end));
  return element(Id.Cluster, uintElement(Id.Timecode, timecode), ...rest);
}
