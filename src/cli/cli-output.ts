import type { RecordPredicate } from '../core/filter';
import { derivedFigures } from '../core/getmedia/derived';
import type { ChunkRecord, TagEntry, TrackInfo, TrackStats } from '../core/getmedia/record';

/** One line of `kvs-inspect` output: exactly these keys, in the order toRecordLine writes them. */
export type RecordLine = Pick<
  ChunkRecord,
  | 'index'
  | 'byteOffset'
  | 'byteLength'
  | 'fragmentNumber'
  | 'serverTimestamp'
  | 'producerTimestamp'
  | 'millisBehindNow'
  | 'continuationToken'
  | 'errorId'
  | 'errorCode'
  | 'errorMeaning'
  | 'clusterTimecode'
  | 'frames'
  | 'keyframes'
  | 'anomalies'
  | 'truncated'
> & {
  tracks: Pick<TrackInfo, 'number' | 'codecId' | 'type'>[];
  trackStats: Pick<TrackStats, 'number' | 'frames' | 'keyframes' | 'bytes'>[];
  tags: Pick<TagEntry, 'name' | 'value'>[];
};

export function toRecordLine(r: ChunkRecord): RecordLine {
  return {
    index: r.index,
    byteOffset: r.byteOffset,
    byteLength: r.byteLength,
    fragmentNumber: r.fragmentNumber,
    serverTimestamp: r.serverTimestamp,
    producerTimestamp: r.producerTimestamp,
    millisBehindNow: r.millisBehindNow,
    continuationToken: r.continuationToken,
    errorId: r.errorId,
    errorCode: r.errorCode,
    errorMeaning: r.errorMeaning,
    clusterTimecode: r.clusterTimecode,
    frames: r.frames,
    // As the Keys column and `--filter keyframes` count them: every AAC frame is key, which would hide a GOP problem.
    keyframes: derivedFigures(r).videoKeyframes,
    tracks: r.tracks.map((t) => ({ number: t.number, codecId: t.codecId, type: t.type })),
    trackStats: r.trackStats.map((t) => ({
      number: t.number,
      frames: t.frames,
      keyframes: t.keyframes,
      bytes: t.bytes,
    })),
    tags: r.tags.map((t) => ({ name: t.name, value: t.value })),
    anomalies: [...r.anomalies],
    truncated: r.truncated,
  };
}

export interface Summary {
  chunks: number;
  frames: number;
  keyframes: number;
  bytes: number;
  errors: number;
  anomalies: number;
  truncated: boolean;
}

/** Totals over the records of a stream (each record comes once). */
export class SummaryCounter {
  private readonly done: Summary = {
    chunks: 0,
    frames: 0,
    keyframes: 0,
    bytes: 0,
    errors: 0,
    anomalies: 0,
    truncated: false,
  };

  /** With a filter, only the chunks it matches count (bytes stay the input's). */
  constructor(private readonly filter: RecordPredicate | null = null) {}

  add(record: ChunkRecord): void {
    if (!this.filter || this.filter(record)) addTo(this.done, record);
  }

  total(bytes: number): Summary {
    return { ...this.done, bytes };
  }
}

function addTo(s: Summary, r: ChunkRecord): void {
  s.chunks++;
  s.frames += r.frames;
  s.keyframes += derivedFigures(r).videoKeyframes;
  if (r.errorId !== null || r.errorCode !== null) s.errors++;
  s.anomalies += r.anomalies.length;
  s.truncated ||= r.truncated;
}
