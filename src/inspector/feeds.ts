import type { StreamRef } from '../aws/client-factory';
import type { ChunkRecord } from '../core/getmedia/record';
import type { Banner, InspectorSource, SessionNotice, SessionStats } from '../protocol';

/** What a feed (a live GetMedia session or a capture file) tells the inspector view. */
export interface FeedSink {
  /** `chunkPieces[i]`: record i's bytes as they arrived (only while a feed keeps bytes; null when not all kept). */
  records(records: readonly ChunkRecord[], chunkPieces?: ReadonlyArray<readonly Uint8Array[] | null>): void;
  notice(notice: SessionNotice): void;
  banner(banner: Banner | null): void;
  stateChanged(): void;
}

/** A source of chunk records the inspector view can show and control. */
export interface Feed {
  readonly source: InspectorSource;
  /** Live feeds can stop, resume and resume from a token; a file is read once. */
  readonly canStream: boolean;
  start(sink: FeedSink): void;
  stop(): Promise<void>;
  /** A capture started (true) or stopped: live feeds keep each chunk's bytes only in between. */
  keepChunkBytes(on: boolean): void;
  /** Resume after stop (from the last continuation token), or from `token`. */
  resume(token?: string): void;
  stats(): SessionStats;
  dispose(): void;
}

/** How the header names a stream feed: the stream, the tree's profile and region, and what was asked for. */
export function streamSource(stream: StreamRef, selector: string): InspectorSource {
  return {
    kind: 'stream',
    streamName: stream.streamName,
    profile: stream.target.profile,
    region: stream.target.region,
    selector,
  };
}
