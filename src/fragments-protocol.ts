/**
 * Messages between the host and the Fragments webview (re-exported by src/protocol.ts, which webview/ imports).
 * Only plain data crosses: the timeline analysis as columns, thumbnails as base64 JPEG, decoded answers.
 */
import type { TimelineColumns } from './core/archive/timeline-columns';
import type { TimelineSummary, TimestampType } from './core/archive/timeline';
import type { TrackFact } from './core/archive/track-facts';

export type { TimelineRow, TimelineSummary } from './core/archive/timeline';
export type { TimelineColumns } from './core/archive/timeline-columns';
export type { TrackFact } from './core/archive/track-facts';

/** An archive call's failure as the view shows it. */
export interface RefusalInfo {
  operation: string;
  name: string;
  status: number | null;
  requestId: string | null;
  message: string;
  meaning: string;
  whatToDo: string;
}

export type PlaybackAnswerInfo =
  | { api: string; ok: true; url: string; expiresAtMs: number; detail: string }
  | { api: string; ok: false; refusal: RefusalInfo };

export interface ThumbnailInfo {
  timeMs: number;
  jpegBase64: string | null;
  error: 'NO_MEDIA' | 'MEDIA_ERROR' | null;
}

interface ListingProgress {
  pages: number;
  fragments: number;
  state: 'listing' | 'done' | 'stopped' | 'failed';
}

export type HostToFragments =
  | {
      type: 'init';
      streamName: string;
      profile: string;
      region: string;
      timestampType: TimestampType;
      rangeStartMs: number;
      rangeEndMs: number;
    }
  | { type: 'progress'; progress: ListingProgress }
  /** Checked by the webview (webview/fragments/fragment-rows.ts) before it draws anything. */
  | { type: 'timeline'; columns: TimelineColumns; summary: TimelineSummary }
  | { type: 'thumbnails'; request: number; items: ThumbnailInfo[]; done: boolean }
  | {
      type: 'playback';
      answers: PlaybackAnswerInfo[];
      /** The first fragment's tracks as the reader sees them (null when it could not be read). */
      tracks: TrackFact[] | null;
      /** What src/core's reading of the playback requirements says of those tracks. */
      verdict: string;
    }
  | { type: 'clip'; bytes: number; state: 'saving' | 'done' | 'failed'; text: string }
  | { type: 'error'; refusal: RefusalInfo }
  | { type: 'toast'; text: string };

export type FragmentsToHost =
  | { type: 'ready' }
  | { type: 'stop' }
  /** Thumbnails for the visible span: a newer request replaces an older one (one GetImages page in flight). */
  | { type: 'thumbnails'; request: number; startMs: number; endMs: number; count: number }
  | { type: 'inspect'; numbers: string[] }
  | { type: 'whyWontItPlay'; startMs: number; endMs: number; firstFragment: string }
  | { type: 'saveClip'; startMs: number; endMs: number }
  | { type: 'copy'; text: string; label: string };
