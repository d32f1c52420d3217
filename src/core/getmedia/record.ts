/** One GetMedia chunk (a fragment), or one cluster of an ordinary MKV file. Plain data: it crosses to the webview. */
export interface ChunkRecord {
  /** 0-based position in the stream. */
  index: number;
  /** Where the chunk starts in the input (its EBML header, or its Segment/Cluster when there is none). */
  byteOffset: number;
  byteLength: number;
  /** Decimal string: real fragment numbers have ~47 digits, too many for a JS number. */
  fragmentNumber: string | null;
  /** Epoch milliseconds, parsed exactly from the "seconds.mmm" text. */
  serverTimestamp: number | null;
  producerTimestamp: number | null;
  /** The raw tag texts the two timestamps came from. */
  serverTimestampText: string | null;
  producerTimestampText: string | null;
  millisBehindNow: number | null;
  continuationToken: string | null;
  errorId: number | null;
  errorCode: string | null;
  /** From the error catalogue; null when errorId is null. Unknown ids get a generic meaning, never dropped. */
  errorMeaning: string | null;
  /** The Cluster's Timecode in TimecodeScale units (8-byte absolute epoch ms from the C producer fits exactly). */
  clusterTimecode: number | null;
  /** Nanoseconds per timecode unit, from Info (1,000,000 when absent). */
  timecodeScale: number;
  /** Span of the cluster's blocks in ms (last block time - first block time), null without blocks. */
  durationMs: number | null;
  /** Blocks (SimpleBlock and BlockGroup) in the cluster. */
  frames: number;
  /** Blocks flagged key (SimpleBlock flag 0x80, or a BlockGroup without ReferenceBlock). */
  keyframes: number;
  tracks: TrackInfo[];
  /** Per track, in order of first block: frames, keyframes and block payload bytes in this chunk. */
  trackStats: TrackStats[];
  /** Every SimpleTag in document order, AWS ones included; nested SimpleTags flattened after their parent. */
  tags: TagEntry[];
  anomalies: string[];
  /** The input ended inside this chunk, or the next chunk began inside it (a cut-off chunk in an appended file). */
  truncated: boolean;
  /** Present on the first record after the reader skipped unreadable bytes to find this chunk's start. */
  resync?: Resync;
  /** Absolute byte ranges of the parts a server or a capture writer needs to copy verbatim. */
  ranges: ChunkRanges;
}

export interface TrackInfo {
  number: number;
  codecId: string | null;
  /** Matroska TrackType: 1 video, 2 audio, 17 subtitle, ... */
  type: number | null;
  name?: string | null;
  /** Video PixelWidth/PixelHeight or audio SamplingFrequency/Channels when present. */
  width?: number | null;
  height?: number | null;
  samplingFrequency?: number | null;
  channels?: number | null;
}

export interface TrackStats {
  number: number;
  /** SimpleBlocks and BlockGroups of this track. */
  frames: number;
  /** SimpleBlocks flagged key, and BlockGroups without a ReferenceBlock. */
  keyframes: number;
  /** The blocks' payload bytes (their data size, headers included). */
  bytes: number;
  /** Span of this track's block times in ms; null with no block. */
  durationMs: number | null;
}

export interface TagEntry {
  name: string;
  /** TagString as text, or TagBinary as lowercase hex. */
  value: string;
  binary?: boolean;
  /** 0 for a top-level SimpleTag, 1 for one nested inside it, ... */
  depth?: number;
}

interface ByteRange {
  offset: number;
  length: number;
}

export interface ChunkRanges {
  ebmlHeader?: ByteRange;
  info?: ByteRange;
  tracks?: ByteRange;
  cluster?: ByteRange;
}

/** Where reading broke and where it went on: bytes [from, at) were skipped (none when the chunk start came first). */
export interface Resync {
  from: number;
  at: number;
  /** "byte N: what was wrong there". */
  reason: string;
}

/** A fault that stops reading: the input is not EBML, or is corrupt beyond recovery. */
export interface ReadFault {
  byteOffset: number;
  message: string;
}
