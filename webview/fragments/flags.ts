import type { TimelineRow } from '../../src/protocol';

/** How a fragment's flags read and look: one source for the table, the timeline marks and the legend. */

export type FlagKind = 'gap' | 'overlap' | 'outlier' | 'skew' | 'backwards' | 'none';

/** The theme's chart colour for each flag, and the colour used where the theme has none. */
export const FLAG_COLOURS: Record<FlagKind, { variable: string; fallback: string }> = {
  gap: { variable: '--vscode-charts-red', fallback: '#f14c4c' },
  overlap: { variable: '--vscode-charts-orange', fallback: '#d18616' },
  outlier: { variable: '--vscode-charts-purple', fallback: '#b180d7' },
  skew: { variable: '--vscode-charts-yellow', fallback: '#cca700' },
  backwards: { variable: '--vscode-charts-pink', fallback: '#e05297' },
  none: { variable: '--vscode-charts-blue', fallback: '#3794ff' },
};

export const FLAG_NAMES: Record<Exclude<FlagKind, 'none'>, string> = {
  gap: 'gap before',
  overlap: 'overlap',
  outlier: 'duration outlier',
  skew: 'skew',
  backwards: 'producer time backwards',
};

/** The most telling flag first: a gap, then going backwards, overlap, outlier, skew. */
export function mainFlag(r: TimelineRow): FlagKind {
  return firstFlag(r.gapBeforeMs !== null, r.producerBackwards, r.overlapMs !== null, r.durationOutlier, r.skewed);
}

/** mainFlag's order, for the timeline, which reads the flags from the columns without making a row. */
export function firstFlag(
  gap: boolean,
  backwards: boolean,
  overlap: boolean,
  outlier: boolean,
  skew: boolean,
): FlagKind {
  if (gap) return 'gap';
  if (backwards) return 'backwards';
  if (overlap) return 'overlap';
  if (outlier) return 'outlier';
  if (skew) return 'skew';
  return 'none';
}

export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  if (abs < 3_600_000) return `${sign}${Math.floor(abs / 60_000)}m ${Math.round((abs % 60_000) / 1000)}s`;
  return `${sign}${Math.floor(abs / 3_600_000)}h ${Math.round((abs % 3_600_000) / 60_000)}m`;
}

export function flagText(r: TimelineRow): string {
  const parts: string[] = [];
  if (r.gapBeforeMs !== null) parts.push(`gap ${formatSpan(r.gapBeforeMs)} before`);
  if (r.overlapMs !== null) parts.push(`overlap ${formatSpan(r.overlapMs)}`);
  if (r.durationOutlier) parts.push('long');
  if (r.skewed) parts.push(`skew ${formatSpan(r.skewMs)}`);
  if (r.producerBackwards) parts.push('producer time backwards');
  return parts.join(', ');
}
