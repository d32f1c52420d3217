import { Id } from '../../../src/core/ebml/ids';
import { clusterFacts } from '../../../tools/kvs-local/cluster';
import { MkvSplitter } from '../../../tools/kvs-local/mkv-splitter';
import { splitTags } from '../../../tools/kvs-local/tags';

/** A test-side view of GetMedia output: one entry per chunk (EBML header), with its AWS tags and cluster facts. */
export interface ReadChunk {
  aws: Map<string, string>;
  producerTagCount: number;
  frames: number;
  clusterTimecode: number | null;
}

export function readChunks(bytes: Uint8Array): { chunks: ReadChunk[]; fault: string | null } {
  const splitter = new MkvSplitter();
  const chunks: ReadChunk[] = [];
  let current: ReadChunk | null = null;
  let afterHeader = false;
  for (const event of [...splitter.push(bytes), ...splitter.end()]) {
    const startsChunk = event.kind === 'ebml-header' || (event.kind === 'segment' && !afterHeader);
    afterHeader = event.kind === 'ebml-header';
    if (startsChunk) {
      current = { aws: new Map(), producerTagCount: 0, frames: 0, clusterTimecode: null };
      chunks.push(current);
      continue;
    }
    if (event.kind !== 'element' || !current) continue;
    if (event.id === Id.Tags) {
      const split = splitTags(event.bytes);
      for (const [k, v] of split.aws) current.aws.set(k, v);
      if (split.producerTags) current.producerTagCount++;
    } else if (event.id === Id.Cluster) {
      const facts = clusterFacts(event.bytes);
      current.frames += facts.frames;
      current.clusterTimecode = facts.timecode;
    }
  }
  return { chunks, fault: splitter.fault?.message ?? null };
}

/** Chunks that arrived whole: they end with the continuation token tags, or are an error chunk. */
export const completeChunks = (chunks: readonly ReadChunk[]): ReadChunk[] =>
  chunks.filter((c) => c.aws.has('CONTINUATION_TOKEN') || c.aws.has('ERROR_ID') || c.aws.has('MILLIS_BEHIND_NOW'));
