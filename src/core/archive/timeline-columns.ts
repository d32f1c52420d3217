import type { TimelineAnalysis, TimelineSummary, TimestampType } from './timeline';

/** Bits of `TimelineColumns.flags`. */
export const FRAGMENT_FLAGS = { durationOutlier: 1, skewed: 2, producerBackwards: 4 } as const;

/**
 * The timeline rows as one array per field, the form the host posts: 100,000 rows as objects made a 27 MiB message
 * whose transfer and cloning dominated the view's first draw. Each row's startMs is its timestamp on the `type`
 * axis and its skewMs is producer - server, so neither is sent; 0 in gapBeforeMs and overlapMs means none (both
 * are positive when present).
 */
export interface TimelineColumns {
  type: TimestampType;
  numbers: string[];
  producerMs: number[];
  serverMs: number[];
  durationMs: number[];
  sizeBytes: number[];
  gapBeforeMs: number[];
  overlapMs: number[];
  /** FRAGMENT_FLAGS bits. */
  flags: number[];
}

export function timelineColumns(
  analysis: TimelineAnalysis,
  type: TimestampType,
): { columns: TimelineColumns; summary: TimelineSummary } {
  const n = analysis.rows.length;
  const columns: TimelineColumns = {
    type,
    numbers: new Array<string>(n),
    producerMs: new Array<number>(n),
    serverMs: new Array<number>(n),
    durationMs: new Array<number>(n),
    sizeBytes: new Array<number>(n),
    gapBeforeMs: new Array<number>(n),
    overlapMs: new Array<number>(n),
    flags: new Array<number>(n),
  };
  for (let i = 0; i < n; i++) {
    const r = analysis.rows[i];
    columns.numbers[i] = r.number;
    columns.producerMs[i] = r.producerMs;
    columns.serverMs[i] = r.serverMs;
    columns.durationMs[i] = r.durationMs;
    columns.sizeBytes[i] = r.sizeBytes;
    columns.gapBeforeMs[i] = r.gapBeforeMs ?? 0;
    columns.overlapMs[i] = r.overlapMs ?? 0;
    columns.flags[i] =
      (r.durationOutlier ? FRAGMENT_FLAGS.durationOutlier : 0) |
      (r.skewed ? FRAGMENT_FLAGS.skewed : 0) |
      (r.producerBackwards ? FRAGMENT_FLAGS.producerBackwards : 0);
  }
  return { columns, summary: analysis.summary };
}
