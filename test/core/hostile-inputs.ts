import { Id } from '../../src/core/ebml/ids';
import {
  concat,
  ebmlHeader,
  element,
  encodeId,
  encodeSize,
  stringElement,
  tagsElement,
  uintElement,
  unknownSizeHeader,
} from '../../src/core/ebml/writer';
import { trackEntries } from './build-chunks';

/**
 * Inputs a broken or malicious producer can send, generated piece by piece (never whole in memory: the
 * largest is 1 GiB). Used by the fuzz test (scaled down), `npm run bench -- fuzz` and `npm run bench -- hostile`.
 */
type HostileKind =
  | 'short-blocks'
  | 'garbage-timestamps'
  | 'big-tags'
  | 'huge-tag-value'
  | 'nested-tags'
  | 'endless-cluster'
  | 'appended-cut-offs';

export interface HostileSpec {
  kind: HostileKind;
  /** How many repeated parts (blocks, tags, nesting levels) or, for the sized kinds, bytes. */
  count: number;
  /** Bytes per part where the kind has one (tag value size, block size). */
  size?: number;
}

/** The table plus the three extremes, at full size. */
export const HOSTILE_TABLE: readonly (HostileSpec & { label: string })[] = [
  { label: '131,072 SimpleBlocks too short for a block header, one Cluster', kind: 'short-blocks', count: 131_072 },
  { label: 'the same, 4 M blocks', kind: 'short-blocks', count: 4 * 1024 * 1024 },
  {
    label: '4,096 SERVER_TIMESTAMP tags with 60 KiB garbage values',
    kind: 'garbage-timestamps',
    count: 4096,
    size: 60 * 1024,
  },
  { label: '4,096 tags of 100 KiB', kind: 'big-tags', count: 4096, size: 100 * 1024 },
  { label: 'a 1 GiB tag value', kind: 'huge-tag-value', count: 1024 * 1024 * 1024 },
  { label: '100,000 nested SimpleTags', kind: 'nested-tags', count: 100_000 },
  { label: 'a 512 MiB never-ending (unknown-size) Cluster', kind: 'endless-cluster', count: 512 * 1024 * 1024 },
];

/** EBML header, Segment of unknown size, Info, Tracks and the fragment tags: what a chunk starts with. */
function chunkStart(): Uint8Array {
  return concat([
    ebmlHeader(),
    unknownSizeHeader(Id.Segment),
    element(Id.Info, uintElement(Id.TimecodeScale, 1_000_000)),
    trackEntries(),
    tagsElement([['AWS_KINESISVIDEO_FRAGMENT_NUMBER', '91343852333181432392682062607743920146159169392']]),
  ]);
}

function header(id: number, size: number): Uint8Array {
  return concat([encodeId(id), encodeSize(size)]);
}

/** Repeats `part` `count` times, in pieces of about 1 MiB (one shared buffer: read it before the next piece). */
function* repeated(part: Uint8Array, count: number): Generator<Uint8Array> {
  const perPiece = Math.max(1, Math.floor((1024 * 1024) / part.length));
  const piece = new Uint8Array(perPiece * part.length);
  for (let k = 0; k < perPiece; k++) piece.set(part, k * part.length);
  for (let left = count; left > 0; left -= perPiece) yield piece.subarray(0, Math.min(left, perPiece) * part.length);
}

/** `length` bytes of `fill`, in pieces of at most 1 MiB. */
function* filler(length: number, fill: number): Generator<Uint8Array> {
  const piece = new Uint8Array(Math.min(length, 1024 * 1024)).fill(fill);
  for (let left = length; left > 0; left -= piece.length) yield piece.subarray(0, Math.min(left, piece.length));
}

function* shortBlocks(count: number): Generator<Uint8Array> {
  const block = element(Id.SimpleBlock, Uint8Array.of(0x81));
  const timecode = uintElement(Id.Timecode, 1000);
  yield chunkStart();
  yield header(Id.Cluster, block.length * count + timecode.length);
  yield timecode;
  yield* repeated(block, count);
}

/** `count` SimpleTags named `name` whose TagString holds `size` bytes of `fill`, in one Tags. */
function* manyTags(name: string, count: number, size: number, fill: number): Generator<Uint8Array> {
  const nameElement = stringElement(Id.TagName, name);
  const value = header(Id.TagString, size);
  const simpleSize = nameElement.length + value.length + size;
  const simple = header(Id.SimpleTag, simpleSize);
  const tagSize = (simple.length + simpleSize) * count;
  yield chunkStart();
  yield header(Id.Tags, header(Id.Tag, tagSize).length + tagSize);
  yield header(Id.Tag, tagSize);
  const body = new Uint8Array(size).fill(fill);
  for (let k = 0; k < count; k++) {
    yield concat([simple, nameElement, value]);
    yield body;
  }
}

function* hugeTagValue(bytes: number): Generator<Uint8Array> {
  const nameElement = stringElement(Id.TagName, 'HUGE');
  const value = header(Id.TagString, bytes);
  const simpleSize = nameElement.length + value.length + bytes;
  const simple = header(Id.SimpleTag, simpleSize);
  const tag = header(Id.Tag, simple.length + simpleSize);
  yield chunkStart();
  yield header(Id.Tags, tag.length + simple.length + simpleSize);
  yield concat([tag, simple, nameElement, value]);
  yield* filler(bytes, 0x41);
}

/** SimpleTags nested `depth` deep, each with a name: sizes computed innermost first, headers written outermost first. */
function* nestedTags(depth: number): Generator<Uint8Array> {
  const nameElement = stringElement(Id.TagName, 'N');
  const sizes = new Array<number>(depth);
  let inner = 0;
  for (let k = depth - 1; k >= 0; k--) {
    sizes[k] = nameElement.length + inner;
    inner = header(Id.SimpleTag, sizes[k]).length + sizes[k];
  }
  yield chunkStart();
  yield header(Id.Tags, header(Id.Tag, inner).length + inner);
  yield header(Id.Tag, inner);
  const parts: Uint8Array[] = [];
  for (let k = 0; k < depth; k++) {
    parts.push(header(Id.SimpleTag, sizes[k]), nameElement);
    if (parts.length >= 4096) yield concat(parts.splice(0));
  }
  if (parts.length) yield concat(parts);
}

/** An unknown-size Cluster that keeps growing: 64 KiB key frames, never closed. */
function* endlessCluster(bytes: number): Generator<Uint8Array> {
  const frame = concat([header(Id.SimpleBlock, 64 * 1024), Uint8Array.of(0x81, 0, 0, 0x80), new Uint8Array(65532)]);
  yield chunkStart();
  yield unknownSizeHeader(Id.Cluster);
  yield uintElement(Id.Timecode, 1000);
  yield* repeated(frame, Math.ceil(bytes / frame.length));
}

/** `parts` each cut at a random offset and appended to the next (the last one whole): a file of appended captures. */
function* appendedCutOffs(parts: readonly Uint8Array[], random: () => number): Generator<Uint8Array> {
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    yield k === parts.length - 1 ? part : part.subarray(0, 1 + Math.floor(random() * Math.max(1, part.length - 1)));
  }
}

/** The pieces of one hostile input; `appended-cut-offs` needs `parts` and `random`. */
export function hostileInput(
  spec: HostileSpec,
  parts: readonly Uint8Array[] = [],
  random: () => number = Math.random,
): Iterable<Uint8Array> {
  switch (spec.kind) {
    case 'short-blocks':
      return shortBlocks(spec.count);
    case 'garbage-timestamps':
      return manyTags('AWS_KINESISVIDEO_SERVER_TIMESTAMP', spec.count, spec.size ?? 60 * 1024, 0x7a);
    case 'big-tags':
      return manyTags('BIG', spec.count, spec.size ?? 100 * 1024, 0x78);
    case 'huge-tag-value':
      return hugeTagValue(spec.count);
    case 'nested-tags':
      return nestedTags(spec.count);
    case 'endless-cluster':
      return endlessCluster(spec.count);
    case 'appended-cut-offs':
      return appendedCutOffs(parts.slice(0, spec.count), random);
  }
}
