import { describeError } from './error-catalogue';
import { Anomaly } from './anomalies';
import type { ChunkRanges, ChunkRecord, Resync, TagEntry, TrackInfo, TrackStats } from './record';

type ByteRange = { offset: number; length: number };

/** What the previous records said, for the anomalies that compare a chunk with the one before. */
export interface PreviousChunk {
  clusterTimecode: number | null;
  fragmentNumber: string | null;
}

/** The segment-wide parts every record of a segment shares (ordinary MKV: one record per cluster). */
export interface SegmentContext {
  timecodeScale: number;
  tracks: TrackInfo[];
  ranges: ChunkRanges;
}

/** Notes a record lists; beyond them only a count (a hostile chunk can hold millions of malformed blocks). */
const MAX_NOTES = 32;

/** A record being assembled; `toRecord` freezes a copy of it. */
export class ChunkDraft {
  index = -1;
  fragmentNumber: string | null = null;
  serverTimestamp: number | null = null;
  producerTimestamp: number | null = null;
  serverTimestampText: string | null = null;
  producerTimestampText: string | null = null;
  millisBehindNow: number | null = null;
  continuationToken: string | null = null;
  errorId: number | null = null;
  errorCode: string | null = null;
  clusterTimecode: number | null = null;
  clusterCount = 0;
  cluster: ByteRange | null = null;
  frames = 0;
  keyframes = 0;
  firstBlock: { track: number; key: boolean } | null = null;
  /** The first block of a video track: "starts with a keyframe" is judged on it when the chunk has video. */
  firstVideoBlock: { track: number; key: boolean } | null = null;
  minBlockTime = Infinity;
  maxBlockTime = -Infinity;
  private readonly perTrack: Array<TrackStats & { minTime: number; maxTime: number }> = [];
  readonly tags: TagEntry[] = [];
  private readonly notes: string[] = [];
  private notesLeftOut = 0;
  /** Bytes of tag names and values kept so far (ChunkBuilder's per-record tag budget). */
  tagBytes = 0;
  overTagBudget = false;
  tooManyTags = false;
  /** Why reading stopped inside this chunk (listed even when the notes are full). */
  corruptNote: string | null = null;
  /** How the chunk was cut off when it was not by the end of the input (the next chunk began inside it). */
  cutOffNote: string | null = null;
  /** Set on the first chunk after a resync. */
  resync: Resync | null = null;
  truncated = false;
  /** Set once returned to the caller: a record is returned once. */
  emitted = false;

  constructor(
    readonly byteOffset: number,
    readonly segment: SegmentContext,
    readonly previous: PreviousChunk,
  ) {}

  /** Adds a note; past MAX_NOTES they are only counted. */
  note(text: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(text);
    else this.notesLeftOut++;
  }

  get hasGetMediaTags(): boolean {
    return (
      this.fragmentNumber !== null ||
      this.serverTimestampText !== null ||
      this.continuationToken !== null ||
      this.errorId !== null ||
      this.errorCode !== null
    );
  }

  /** One complete block: `time` in timecode units (cluster timecode + relative), `bytes` its data size. */
  countBlock(track: number, time: number, key: boolean, bytes: number): void {
    this.frames++;
    if (key) this.keyframes++;
    this.firstBlock ??= { track, key };
    if (this.firstVideoBlock === null && this.segment.tracks.some((t) => t.number === track && t.type === 1))
      this.firstVideoBlock = { track, key };
    if (time < this.minBlockTime) this.minBlockTime = time;
    if (time > this.maxBlockTime) this.maxBlockTime = time;
    let stats = this.perTrack.find((t) => t.number === track);
    if (!stats) {
      stats = { number: track, frames: 0, keyframes: 0, bytes: 0, durationMs: null, minTime: time, maxTime: time };
      this.perTrack.push(stats);
    }
    stats.frames++;
    if (key) stats.keyframes++;
    stats.bytes += bytes;
    if (time < stats.minTime) stats.minTime = time;
    if (time > stats.maxTime) stats.maxTime = time;
  }

  toRecord(end: number): ChunkRecord {
    const scale = this.segment.timecodeScale;
    const record: ChunkRecord = {
      index: this.index,
      byteOffset: this.byteOffset,
      byteLength: Math.max(0, end - this.byteOffset),
      fragmentNumber: this.fragmentNumber,
      serverTimestamp: this.serverTimestamp,
      producerTimestamp: this.producerTimestamp,
      serverTimestampText: this.serverTimestampText,
      producerTimestampText: this.producerTimestampText,
      millisBehindNow: this.millisBehindNow,
      continuationToken: this.continuationToken,
      errorId: this.errorId,
      errorCode: this.errorCode,
      errorMeaning: this.errorId === null ? null : describeError(this.errorId).meaning,
      clusterTimecode: this.clusterTimecode,
      timecodeScale: scale,
      durationMs:
        this.frames === 0 || this.minBlockTime === Infinity
          ? null
          : Math.round(((this.maxBlockTime - this.minBlockTime) * scale) / 1e6),
      frames: this.frames,
      keyframes: this.keyframes,
      tracks: this.segment.tracks.map((t) => ({ ...t })),
      trackStats: this.perTrack.map((t) => ({
        number: t.number,
        frames: t.frames,
        keyframes: t.keyframes,
        bytes: t.bytes,
        durationMs: Math.round(((t.maxTime - t.minTime) * scale) / 1e6),
      })),
      tags: this.tags.map(copyTag),
      anomalies: this.anomalies(),
      truncated: this.truncated,
      ranges: copyRanges(this.segment.ranges, this.cluster),
    };
    if (this.resync) record.resync = { ...this.resync };
    return record;
  }

  private anomalies(): string[] {
    const out: string[] = [];
    if (this.resync) out.push(Anomaly.resynced(this.resync));
    const before = this.previous;
    if (this.clusterTimecode !== null && before.clusterTimecode !== null) {
      if (this.clusterTimecode < before.clusterTimecode)
        out.push(Anomaly.timecodeBackwards(this.clusterTimecode, before.clusterTimecode));
      else if (this.clusterTimecode === before.clusterTimecode) out.push(Anomaly.timecodeEqual(this.clusterTimecode));
    }
    if (
      this.fragmentNumber !== null &&
      before.fragmentNumber !== null &&
      !increases(before.fragmentNumber, this.fragmentNumber)
    ) {
      out.push(Anomaly.fragmentNotIncreasing(this.fragmentNumber, before.fragmentNumber));
    }
    const judged = this.firstVideoBlock ?? this.firstBlock;
    if (this.fragmentNumber !== null && judged && !judged.key) out.push(Anomaly.noKeyframeFirst(judged.track));
    if (
      this.producerTimestamp !== null &&
      this.serverTimestamp !== null &&
      this.producerTimestamp > this.serverTimestamp
    ) {
      out.push(Anomaly.producerAhead(this.producerTimestamp - this.serverTimestamp));
    }
    for (const note of this.notes) out.push(note);
    if (this.notesLeftOut > 0) out.push(Anomaly.moreNotes(this.notesLeftOut));
    if (this.corruptNote !== null) out.push(this.corruptNote);
    if (this.truncated) out.push(this.cutOffNote ?? Anomaly.truncated());
    return out;
  }
}

/** Fresh range objects (the Segment's are shared by its records, and the stitcher shifts a record's in place). */
function copyRanges(segment: ChunkRanges, cluster: ByteRange | null): ChunkRanges {
  const ranges: ChunkRanges = {};
  if (segment.ebmlHeader) ranges.ebmlHeader = { offset: segment.ebmlHeader.offset, length: segment.ebmlHeader.length };
  if (segment.info) ranges.info = { offset: segment.info.offset, length: segment.info.length };
  if (segment.tracks) ranges.tracks = { offset: segment.tracks.offset, length: segment.tracks.length };
  if (cluster) ranges.cluster = { offset: cluster.offset, length: cluster.length };
  return ranges;
}

/** The same keys in the same order as `{ ...tag }`, without the generic spread. */
function copyTag(tag: TagEntry): TagEntry {
  const copy: TagEntry = { name: tag.name, value: tag.value, depth: tag.depth };
  if (tag.binary !== undefined) copy.binary = tag.binary;
  return copy;
}

const DIGITS = /^\d+$/;

/**
 * Fragment numbers are decimal strings too long for a number; compare them as decimals (non-numeric
 * ones pass): without leading zeros, the longer is larger, and equal lengths compare digit by digit.
 * (Same answer as BigInt, without parsing two 47-digit numbers per record.)
 */
function increases(before: string, now: string): boolean {
  if (!DIGITS.test(before) || !DIGITS.test(now)) return true;
  const a = withoutLeadingZeros(before);
  const b = withoutLeadingZeros(now);
  return a.length !== b.length ? b.length > a.length : b > a;
}

function withoutLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 0x30) i++;
  return digits.slice(i);
}
