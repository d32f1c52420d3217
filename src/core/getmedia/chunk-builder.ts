import type { ElementHeader, ElementVisitor } from '../ebml/element-reader';
import { Id } from '../ebml/ids';
import { InternedStrings, readUint } from '../ebml/values';
import { Anomaly } from './anomalies';
import { ChunkDraft, type PreviousChunk, type SegmentContext } from './chunk-draft';
import type { ChunkRecord, ReadFault, Resync, TagEntry, TrackInfo } from './record';
import { applyAwsTag } from './aws-tags';
import { readBlockHead, trackLeaf, type BlockHead } from './leaf-readers';
import { MAX_TAG_VALUE, readTagLeaf } from './tag-values';

const MAX_TAGS = 4096;
const MAX_TRACKS = 128;
const MAX_TEXT = 1024;
const BLOCK_HEAD = 11;
const NO_RECORDS: readonly ChunkRecord[] = Object.freeze([]);

/**
 * Turns EBML events into chunk records. A GetMedia chunk (EBML header, Segment, tags, Cluster,
 * trailing tags) is one record, returned as soon as its trailing or error Tags end. A Segment
 * without GetMedia tags is ordinary Matroska: one record per Cluster.
 */
export class ChunkBuilder implements ElementVisitor {
  private draft: ChunkDraft | null = null;
  private segment: SegmentContext = newSegment();
  private segmentOpen = false;
  private previous: PreviousChunk = { clusterTimecode: null, fragmentNumber: null };
  private nextIndex = 0;
  private out: ChunkRecord[] = [];
  private track: TrackInfo | null = null;
  private readonly tagStack: TagEntry[] = [];
  private tagsEndChunk = false;
  private blockGroup: {
    relative: number | null;
    hasReference: boolean;
    track: number;
    complete: boolean;
    bytes: number;
  } | null = null;
  private clusterTimecode: number | null = null;
  /** A SimpleBlock counts once its last byte arrived: a block cut off by the end of the input is not a frame. */
  private pendingBlock: BlockHead | null = null;
  /** Reused for every SimpleBlock: one object, not one per frame. */
  private readonly blockHead: BlockHead = { track: 0, relative: 0, flags: 0 };
  /** The skip the next chunk's record reports. */
  private resync: Resync | null = null;
  private readonly tagNames = new InternedStrings();

  /** The index the chunk being read has (or will have once returned): what an element seen now belongs to. */
  get currentIndex(): number {
    return this.draft && this.draft.index >= 0 ? this.draft.index : this.nextIndex;
  }

  /** Most pushes end no chunk: they get one shared empty array, not a new one each. */
  takeEmitted(): readonly ChunkRecord[] {
    if (this.out.length === 0) return NO_RECORDS;
    const records = this.out;
    this.out = [];
    return records;
  }

  openMaster(h: ElementHeader): void {
    if (h.depth === 0) {
      this.openTopLevel(h);
      return;
    }
    const draft = this.draft;
    if (!draft) return;
    switch (h.id) {
      case Id.Cluster:
        this.openCluster(h, draft);
        break;
      case Id.Tags:
        if (h.parentId === Id.Segment) {
          this.tagsEndChunk = false;
          this.nextFragment(h.offset, draft);
        }
        break;
      case Id.SimpleTag: {
        const entry: TagEntry = { name: '', value: '', depth: this.tagStack.length };
        this.tagStack.push(entry);
        if (draft.tags.length < MAX_TAGS) draft.tags.push(entry);
        else if (!draft.tooManyTags) {
          draft.tooManyTags = true;
          draft.note(Anomaly.tooManyTags(MAX_TAGS));
        }
        break;
      }
      case Id.TrackEntry:
        this.track = { number: 0, codecId: null, type: null };
        break;
      case Id.BlockGroup:
        this.blockGroup = { relative: null, hasReference: false, track: 0, complete: false, bytes: 0 };
        break;
    }
  }

  closeMaster(h: ElementHeader, end: number): void {
    const draft = this.draft;
    if (h.depth === 0) {
      if (h.id === Id.EBML) this.segment.ranges.ebmlHeader = { offset: h.offset, length: end - h.offset };
      else if (h.id === Id.Segment) {
        this.segmentOpen = false;
        this.finalize(end);
      }
      return;
    }
    if (!draft) return;
    switch (h.id) {
      case Id.Info:
        this.segment.ranges.info = { offset: h.offset, length: end - h.offset };
        break;
      case Id.Tracks:
        this.segment.ranges.tracks = { offset: h.offset, length: end - h.offset };
        break;
      case Id.TrackEntry:
        if (this.track && this.segment.tracks.length < MAX_TRACKS) this.segment.tracks.push(this.track);
        this.track = null;
        break;
      case Id.Cluster:
        if (draft.cluster && draft.cluster.offset === h.offset) draft.cluster.length = end - h.offset;
        break;
      case Id.SimpleTag: {
        const entry = this.tagStack.pop();
        if (entry && applyAwsTag(draft, entry)) this.tagsEndChunk = true;
        break;
      }
      case Id.Tags:
        if (h.parentId === Id.Segment && this.tagsEndChunk) this.emit(draft, end);
        break;
      case Id.BlockGroup:
        if (this.blockGroup?.complete && this.blockGroup.relative !== null)
          this.countBlock(
            draft,
            this.blockGroup.track,
            this.blockGroup.relative,
            !this.blockGroup.hasReference,
            this.blockGroup.bytes,
          );
        this.blockGroup = null;
        break;
    }
  }

  wantLeaf(h: ElementHeader): number {
    switch (h.parentId) {
      case Id.Cluster:
        return h.id === Id.Timecode ? 8 : h.id === Id.SimpleBlock ? BLOCK_HEAD : 0;
      case Id.BlockGroup:
        if (h.id === Id.ReferenceBlock && this.blockGroup) this.blockGroup.hasReference = true;
        return h.id === Id.Block ? BLOCK_HEAD : 0;
      case Id.SimpleTag:
        return h.id === Id.TagName ? MAX_TEXT : h.id === Id.TagString || h.id === Id.TagBinary ? MAX_TAG_VALUE : 0;
      case Id.Info:
        return h.id === Id.TimecodeScale ? 8 : 0;
      case Id.TrackEntry:
        return h.id === Id.TrackNumber || h.id === Id.TrackType || h.id === Id.CodecID || h.id === Id.Name
          ? MAX_TEXT
          : 0;
      case Id.Video:
        return h.id === Id.PixelWidth || h.id === Id.PixelHeight ? 8 : 0;
      case Id.Audio:
        return h.id === Id.SamplingFrequency || h.id === Id.Channels ? 8 : 0;
      default:
        return 0;
    }
  }

  leafValue(h: ElementHeader, bytes: Uint8Array, start: number, end: number): void {
    const draft = this.draft;
    if (!draft) return;
    switch (h.parentId) {
      case Id.Cluster:
        this.clusterLeaf(h, bytes, start, end, draft);
        break;
      case Id.BlockGroup:
        if (h.id === Id.Block && this.blockGroup) {
          const head = readBlockHead(bytes, start, end, this.blockHead);
          if (head) {
            this.blockGroup.relative = head.relative;
            this.blockGroup.track = head.track;
            this.blockGroup.bytes = Math.max(0, h.dataSize);
          } else draft.note(Anomaly.badBlock(h.offset));
        }
        break;
      case Id.SimpleTag:
        readTagLeaf(this.tagStack[this.tagStack.length - 1], this.tagNames, h, bytes, start, end, draft);
        break;
      case Id.Info:
        this.segment.timecodeScale = readUint(bytes, start, end) || 1_000_000;
        break;
      case Id.TrackEntry:
        if (this.track) trackLeaf(this.track, h.id, bytes, start, end);
        break;
      case Id.Video:
      case Id.Audio:
        if (this.track) trackLeaf(this.track, h.id, bytes, start, end);
        break;
    }
  }

  /** The input is over: the open chunk is cut off if `midElement`; `end` is the input length. */
  finish(midElement: boolean): void {
    if (this.draft && midElement) this.draft.truncated = true;
  }

  /** After reader.finish(): returns the last chunk if it is still open. */
  flush(end: number): void {
    this.finalize(end);
  }

  /** Reading stopped at a fault: the chunk in progress comes out cut off, with the reason. */
  abort(fault: ReadFault): void {
    const draft = this.draft;
    if (!draft || draft.emitted) return;
    draft.truncated = true;
    draft.corruptNote = Anomaly.corrupt(fault.byteOffset, fault.message);
    this.finalize(fault.byteOffset);
  }

  /** Reading broke at `fault` and goes on at `at`: the chunk in progress is cut off; the next record tells. */
  resynced(fault: ReadFault, at: number): void {
    const from = Math.min(fault.byteOffset, at);
    const draft = this.draft;
    // A draft that began past `from` holds only bytes of the next chunk read out of place: dropped.
    if (draft && !draft.emitted && draft.byteOffset < from) {
      draft.truncated = true;
      draft.cutOffNote = Anomaly.cutOffByResync(fault, at);
      this.finalize(from);
    }
    this.draft = null;
    this.segment = newSegment();
    this.segmentOpen = false;
    this.tagStack.length = 0;
    this.tagsEndChunk = false;
    this.blockGroup = null;
    this.track = null;
    this.pendingBlock = null;
    this.clusterTimecode = null;
    this.resync = { from, at, reason: `byte ${fault.byteOffset}: ${fault.message}` };
  }

  private openTopLevel(h: ElementHeader): void {
    const continuesChunk =
      h.id === Id.Segment &&
      this.draft !== null &&
      !this.segmentOpen &&
      this.draft.clusterCount === 0 &&
      this.segment.ranges.ebmlHeader !== undefined &&
      this.segment.ranges.info === undefined;
    if (h.id === Id.Segment) this.segmentOpen = true;
    if (continuesChunk) return;
    this.finalize(h.offset);
    this.segment = newSegment();
    this.startDraft(h.offset);
  }

  private openCluster(h: ElementHeader, draft: ChunkDraft): void {
    this.clusterTimecode = null;
    if (h.parentId !== Id.Segment) return;
    let current = this.nextFragment(h.offset, draft);
    if (current.clusterCount > 0 && !current.hasGetMediaTags) {
      this.finalize(h.offset);
      current = this.startDraft(h.offset);
    }
    current.clusterCount++;
    current.cluster ??= { offset: h.offset, length: h.headerSize };
  }

  private clusterLeaf(h: ElementHeader, bytes: Uint8Array, start: number, end: number, draft: ChunkDraft): void {
    if (h.id === Id.Timecode) {
      this.clusterTimecode = readUint(bytes, start, end);
      if (this.clusterTimecode === null) draft.note(Anomaly.hugeTimecode());
      if (draft.clusterTimecode === null) draft.clusterTimecode = this.clusterTimecode;
      return;
    }
    this.pendingBlock = readBlockHead(bytes, start, end, this.blockHead);
    if (!this.pendingBlock) draft.note(Anomaly.badBlock(h.offset));
  }

  leafEnd(h: ElementHeader): void {
    if (h.id === Id.Block && this.blockGroup) this.blockGroup.complete = true;
    const block = this.pendingBlock;
    if (h.id !== Id.SimpleBlock || !block || !this.draft) return;
    this.pendingBlock = null;
    this.countBlock(this.draft, block.track, block.relative, (block.flags & 0x80) !== 0, Math.max(0, h.dataSize));
  }

  private countBlock(draft: ChunkDraft, track: number, relative: number, key: boolean, bytes: number): void {
    draft.countBlock(track, (this.clusterTimecode ?? 0) + relative, key, bytes);
  }

  private startDraft(offset: number): ChunkDraft {
    this.draft = new ChunkDraft(offset, this.segment, { ...this.previous });
    this.draft.resync = this.resync;
    this.resync = null;
    return this.draft;
  }

  /**
   * A Segment that carries several fragments (the "merged" capture): once a chunk was returned, its Segment's
   * next Tags or Cluster starts the next record, sharing the Segment's header, Info and Tracks. Each record
   * is returned once, as soon as its trailing Tags end.
   */
  private nextFragment(offset: number, draft: ChunkDraft): ChunkDraft {
    return draft.emitted ? this.startDraft(offset) : draft;
  }

  private emit(draft: ChunkDraft, end: number): void {
    if (draft.emitted) return;
    draft.index = this.nextIndex++;
    const record = draft.toRecord(end);
    draft.emitted = true;
    if (record.clusterTimecode !== null) this.previous.clusterTimecode = record.clusterTimecode;
    if (record.fragmentNumber !== null) this.previous.fragmentNumber = record.fragmentNumber;
    this.out.push(record);
  }

  private finalize(end: number): void {
    if (this.draft) this.emit(this.draft, end);
    this.draft = null;
  }
}

function newSegment(): SegmentContext {
  return { timecodeScale: 1_000_000, tracks: [], ranges: {} };
}
