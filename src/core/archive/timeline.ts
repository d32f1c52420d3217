/**
 * The Fragments view's analysis of a ListFragments result: sorted on the chosen timestamp, each fragment flagged
 * (gap before it, overlap with the previous one, duration outlier, producer-server skew, producer time going
 * backwards in ingest order), and a summary. Pure: no I/O, no clock.
 */

export type TimestampType = 'SERVER_TIMESTAMP' | 'PRODUCER_TIMESTAMP';

/** One fragment as ListFragments describes it (timestamps in epoch ms). */
export interface FragmentInfo {
  number: string;
  producerMs: number;
  serverMs: number;
  durationMs: number;
  sizeBytes: number;
}

export interface TimelineRow extends FragmentInfo {
  /** The fragment's start on the chosen axis. */
  startMs: number;
  /** producer - server: negative when the producer's clock is behind the service's. */
  skewMs: number;
  /** Time from the previous fragment's end to this one's start, when longer than the gap threshold. */
  gapBeforeMs: number | null;
  /** How far the previous fragment runs past this one's start. */
  overlapMs: number | null;
  durationOutlier: boolean;
  skewed: boolean;
  /** The producer time is earlier than that of the fragment ingested before it (lower fragment number). */
  producerBackwards: boolean;
}

export interface TimelineOptions {
  type: TimestampType;
  /** The range asked for: coverage is measured against it. */
  rangeStartMs: number;
  rangeEndMs: number;
  /** A gap is flagged when longer than this many median durations (default 2). */
  gapFactor?: number;
  /** A duration is an outlier when longer than this many median durations (default 2). */
  outlierFactor?: number;
  /** |producer - server| beyond this is skew (default 5,000 ms). */
  skewThresholdMs?: number;
}

export interface TimelineSummary {
  fragments: number;
  totalDurationMs: number;
  totalBytes: number;
  firstStartMs: number | null;
  lastEndMs: number | null;
  /** 0..1: the part of the range some fragment covers. */
  coverage: number;
  medianDurationMs: number;
  gapThresholdMs: number;
  gaps: number;
  gapTotalMs: number;
  largestGapMs: number;
  /** Fragment number after the largest gap. */
  largestGapBefore: string | null;
  overlaps: number;
  durationOutliers: number;
  skewed: number;
  producerBackwards: number;
}

export interface TimelineAnalysis {
  rows: TimelineRow[];
  summary: TimelineSummary;
}

const DEFAULT_SKEW_THRESHOLD_MS = 5_000;

/** Fragment numbers are decimal strings longer than a double holds: compare by length, then digits. */
export function compareFragmentNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The chosen axis, then fragment number: the order the table and the timeline show. */
function sortFragments(fragments: readonly FragmentInfo[], type: TimestampType): FragmentInfo[] {
  const at = (f: FragmentInfo): number => (type === 'SERVER_TIMESTAMP' ? f.serverMs : f.producerMs);
  return [...fragments].sort((a, b) => at(a) - at(b) || compareFragmentNumbers(a.number, b.number));
}

function backwardsSet(fragments: readonly FragmentInfo[]): Set<string> {
  const byNumber = [...fragments].sort((a, b) => compareFragmentNumbers(a.number, b.number));
  const out = new Set<string>();
  for (let i = 1; i < byNumber.length; i++)
    if (byNumber[i].producerMs < byNumber[i - 1].producerMs) out.add(byNumber[i].number);
  return out;
}

/** Length of the union of [start, end) spans (sorted by start) clipped to the range. */
function coveredMs(rows: readonly TimelineRow[], from: number, to: number): number {
  let covered = 0;
  let reach = from;
  for (const r of rows) {
    const start = Math.max(r.startMs, reach);
    const end = Math.min(r.startMs + r.durationMs, to);
    if (end > start) covered += end - start;
    reach = Math.max(reach, Math.min(r.startMs + r.durationMs, to));
  }
  return covered;
}

export function analyzeTimeline(fragments: readonly FragmentInfo[], options: TimelineOptions): TimelineAnalysis {
  const sorted = sortFragments(fragments, options.type);
  const medianDurationMs = median(sorted.map((f) => f.durationMs));
  const gapThresholdMs = medianDurationMs * (options.gapFactor ?? 2);
  const outlierAboveMs = medianDurationMs * (options.outlierFactor ?? 2);
  const skewLimit = options.skewThresholdMs ?? DEFAULT_SKEW_THRESHOLD_MS;
  const backwards = backwardsSet(sorted);
  const rows: TimelineRow[] = new Array(sorted.length);
  let previousEnd = -Infinity;
  const server = options.type === 'SERVER_TIMESTAMP';
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i];
    const startMs = server ? f.serverMs : f.producerMs;
    const space = i === 0 ? null : startMs - previousEnd;
    const skewMs = f.producerMs - f.serverMs;
    // One object shape, written out: 100,000 rows are analysed in one pass.
    rows[i] = {
      number: f.number,
      producerMs: f.producerMs,
      serverMs: f.serverMs,
      durationMs: f.durationMs,
      sizeBytes: f.sizeBytes,
      startMs,
      skewMs,
      gapBeforeMs: space !== null && space > gapThresholdMs ? space : null,
      overlapMs: space !== null && space < 0 ? -space : null,
      durationOutlier: medianDurationMs > 0 && f.durationMs > outlierAboveMs,
      skewed: Math.abs(skewMs) > skewLimit,
      producerBackwards: backwards.has(f.number),
    };
    if (startMs + f.durationMs > previousEnd) previousEnd = startMs + f.durationMs;
  }
  return { rows, summary: summarize(rows, options, medianDurationMs, gapThresholdMs) };
}

function summarize(
  rows: readonly TimelineRow[],
  options: TimelineOptions,
  medianDurationMs: number,
  gapThresholdMs: number,
): TimelineSummary {
  const summary: TimelineSummary = {
    fragments: rows.length,
    totalDurationMs: 0,
    totalBytes: 0,
    firstStartMs: rows.length ? rows[0].startMs : null,
    lastEndMs: null,
    coverage: 0,
    medianDurationMs,
    gapThresholdMs,
    gaps: 0,
    gapTotalMs: 0,
    largestGapMs: 0,
    largestGapBefore: null,
    overlaps: 0,
    durationOutliers: 0,
    skewed: 0,
    producerBackwards: 0,
  };
  for (const r of rows) {
    summary.totalDurationMs += r.durationMs;
    summary.totalBytes += r.sizeBytes;
    summary.lastEndMs = Math.max(summary.lastEndMs ?? -Infinity, r.startMs + r.durationMs);
    if (r.gapBeforeMs !== null) {
      summary.gaps++;
      summary.gapTotalMs += r.gapBeforeMs;
      if (r.gapBeforeMs > summary.largestGapMs) {
        summary.largestGapMs = r.gapBeforeMs;
        summary.largestGapBefore = r.number;
      }
    }
    if (r.overlapMs !== null) summary.overlaps++;
    if (r.durationOutlier) summary.durationOutliers++;
    if (r.skewed) summary.skewed++;
    if (r.producerBackwards) summary.producerBackwards++;
  }
  const span = options.rangeEndMs - options.rangeStartMs;
  summary.coverage = span > 0 ? coveredMs(rows, options.rangeStartMs, options.rangeEndMs) / span : 0;
  return summary;
}
