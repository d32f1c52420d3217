import { Id } from './ids';

/** Parent id meaning "the top level of the stream". */
export const ROOT = 0;

/** Every Matroska master element this project knows; a reader given this set reports all their children. */
export const MASTER_IDS: ReadonlySet<number> = new Set<number>([
  Id.EBML,
  Id.Segment,
  Id.SeekHead,
  0x4dbb,
  Id.Info,
  Id.Tracks,
  Id.TrackEntry,
  Id.Video,
  Id.Audio,
  Id.Cluster,
  Id.BlockGroup,
  Id.Cues,
  0xbb,
  0xb7,
  Id.Tags,
  Id.Tag,
  Id.Targets,
  Id.SimpleTag,
  Id.Chapters,
  Id.Attachments,
  0x6d80,
  0x6240,
  0x55b0,
]);

/**
 * The masters the GetMedia chunk model reads inside. SeekHead, Cues, Targets and the like are skipped
 * whole when their size is known (fewer elements to walk); with an unknown size they are still entered.
 */
export const CHUNK_MASTER_IDS: ReadonlySet<number> = new Set<number>([
  Id.EBML,
  Id.Segment,
  Id.Info,
  Id.Tracks,
  Id.TrackEntry,
  Id.Video,
  Id.Audio,
  Id.Cluster,
  Id.BlockGroup,
  Id.Tags,
  Id.Tag,
  Id.SimpleTag,
]);

/** The elements that live directly in a Segment (Matroska's level 1); one of them ends an unknown-size Cluster. */
export const SEGMENT_LEVEL_IDS: ReadonlySet<number> = new Set<number>([
  Id.SeekHead,
  Id.Info,
  Id.Tracks,
  Id.Cluster,
  Id.Cues,
  Id.Tags,
  Id.Chapters,
  Id.Attachments,
]);

/**
 * Where an element may appear. It decides where an element of unknown size ends: it ends when an
 * element arrives that cannot be its descendant (a Cluster ends at the next Cluster or Tags, a
 * Segment at the next EBML header). Ids not listed here (Void, CRC-32, unknown ids) may appear anywhere.
 */
const PARENTS = new Map<number, readonly number[]>([
  [Id.EBML, [ROOT]],
  [Id.Segment, [ROOT]],
  ...[...SEGMENT_LEVEL_IDS].map((id): [number, number[]] => [id, [Id.Segment]]),
  ...[Id.Timecode, Id.SimpleBlock, Id.BlockGroup, Id.Position, Id.PrevSize].map((id): [number, number[]] => [
    id,
    [Id.Cluster],
  ]),
  [Id.TrackEntry, [Id.Tracks]],
  [Id.Tag, [Id.Tags]],
  [Id.SimpleTag, [Id.Tag, Id.SimpleTag]],
]);

export function allowedParents(id: number): readonly number[] | undefined {
  return PARENTS.get(id);
}

const NAMES = new Map<number, string>(Object.entries(Id).map(([name, id]) => [id, name]));

/** The Matroska name of an id this project knows ("Cluster"), else null. */
export function elementName(id: number): string | null {
  return NAMES.get(id) ?? null;
}

/** "Cluster (0x1F43B675)" for messages; unknown ids show as hex only. */
export function describeId(id: number): string {
  const hex = `0x${id.toString(16).toUpperCase()}`;
  const name = NAMES.get(id);
  return name ? `${name} (${hex})` : `element ${hex}`;
}
