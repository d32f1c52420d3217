import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';

/**
 * A test-side view of GetMedia output through src/core's ChunkReader (the reader the inspector and kvs-inspect
 * use, written independently of kvs-local): one entry per chunk, with its AWS tags and cluster facts.
 */
export interface ReadChunk {
  /** AWS_KINESISVIDEO_* tags without the prefix. */
  aws: Map<string, string>;
  /** The producer's own SimpleTags. */
  producerTagCount: number;
  frames: number;
  clusterTimecode: number | null;
  truncated: boolean;
}

const PREFIX = 'AWS_KINESISVIDEO_';

export function readChunks(bytes: Uint8Array): { chunks: ReadChunk[]; fault: string | null } {
  const { records, fault } = readAllChunks(bytes);
  return { chunks: records.map(toReadChunk), fault: fault?.message ?? null };
}

export function toReadChunk(r: ChunkRecord): ReadChunk {
  return {
    aws: new Map(
      r.tags.filter((t) => t.name.startsWith(PREFIX)).map((t) => [t.name.slice(PREFIX.length), t.value] as const),
    ),
    producerTagCount: r.tags.filter((t) => !t.name.startsWith(PREFIX)).length,
    frames: r.frames,
    clusterTimecode: r.clusterTimecode,
    truncated: r.truncated,
  };
}

/** Chunks that arrived whole: they end with the continuation token tags, or are an error chunk. */
export const completeChunks = (chunks: readonly ReadChunk[]): ReadChunk[] =>
  chunks.filter(
    (c) => !c.truncated && (c.aws.has('CONTINUATION_TOKEN') || c.aws.has('ERROR_ID') || c.aws.has('MILLIS_BEHIND_NOW')),
  );
