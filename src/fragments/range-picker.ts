import * as vscode from 'vscode';
import type { TimestampType } from '../core/archive/timeline';
import { parseRange, PRESETS, type Zone } from './range-text';

/** Quick picks: which clock, which range (a preset or a validated custom one). */

export interface FragmentsQuery {
  type: TimestampType;
  startMs: number;
  endMs: number;
}

export async function pickQuery(streamName: string, zone: Zone, now = Date.now): Promise<FragmentsQuery | undefined> {
  const clock = await vscode.window.showQuickPick(
    [
      {
        label: 'Server timestamps',
        description: 'when the service received each fragment',
        type: 'SERVER_TIMESTAMP' as const,
      },
      {
        label: 'Producer timestamps',
        description: 'what the producer stamped on each fragment',
        type: 'PRODUCER_TIMESTAMP' as const,
      },
    ],
    { title: `Browse fragments of ${streamName}: which clock?` },
  );
  if (!clock) return undefined;
  const range = await vscode.window.showQuickPick(
    [...PRESETS.map((p) => ({ label: p.label, ms: p.ms as number | null })), { label: 'Custom range…', ms: null }],
    { title: `Browse fragments of ${streamName}: which range?` },
  );
  if (!range) return undefined;
  if (range.ms !== null) return { type: clock.type, startMs: now() - range.ms, endMs: now() };
  const text = await vscode.window.showInputBox({
    title: `Fragments of ${streamName} between (${zone === 'utc' ? 'UTC' : 'local time'}, or add Z / +02:00)`,
    placeHolder: '2026-12-01 10:00 .. 2026-12-01 11:00',
    validateInput: (value) => parseRange(value, zone, now()).problem,
  });
  if (text === undefined) return undefined;
  const { startMs, endMs } = parseRange(text, zone, now());
  return startMs === undefined || endMs === undefined ? undefined : { type: clock.type, startMs, endMs };
}
