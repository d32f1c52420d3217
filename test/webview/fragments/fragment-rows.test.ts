import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTimeline, type FragmentInfo, type TimestampType } from '../../../src/core/archive/timeline';
import { timelineColumns } from '../../../src/core/archive/timeline-columns';
import { checkTimelineColumns, FragmentRows } from '../../../webview/fragments/fragment-rows';
import { mainFlag } from '../../../webview/fragments/flags';

/** Fragments with every flag: skewed, an overlap, a gap, a long one, producer time going back (and overlaps). */
const FRAGMENTS: FragmentInfo[] = [
  [100, 0, 100, 2000],
  [103, 2000, 12_100, 2000],
  [106, 3000, 4100, 2000],
  [109, 15_000, 15_100, 2000],
  [112, 17_000, 17_100, 9000],
  [115, 26_000, 26_100, 2000],
  [118, 25_000, 38_100, 2000],
].map(([n, producerMs, serverMs, durationMs], i) => ({
  number: `9134385233318143239268206260000000000${n}`,
  producerMs: 1_796_000_000_000 + producerMs,
  serverMs: 1_796_000_000_000 + serverMs,
  durationMs,
  sizeBytes: 1000 + i,
}));

/** The message as it crosses: JSON both ways. */
function crossed(type: TimestampType) {
  const analysis = analyzeTimeline(FRAGMENTS, { type, rangeStartMs: 1_796_000_000_000, rangeEndMs: 1_796_000_060_000 });
  const message = JSON.parse(JSON.stringify(timelineColumns(analysis, type))) as ReturnType<typeof timelineColumns>;
  return { analysis, message };
}

describe('the timeline as columns, host to webview', () => {
  for (const type of ['PRODUCER_TIMESTAMP', 'SERVER_TIMESTAMP'] as const)
    test(`${type}: every row reads back as the analysis made it, and with the same flag`, () => {
      const { analysis, message } = crossed(type);
      const rows = new FragmentRows(checkTimelineColumns(message.columns));
      assert.equal(rows.length, FRAGMENTS.length);
      assert.deepEqual(
        analysis.rows.map((_, i) => rows.row(i)),
        analysis.rows,
      );
      assert.deepEqual(
        analysis.rows.map((_, i) => rows.flag(i)),
        analysis.rows.map(mainFlag),
      );
      assert.deepEqual(
        analysis.rows.map((_, i) => rows.startMs(i)),
        analysis.rows.map((r) => r.startMs),
      );
      assert.deepEqual(
        rows.numbers(1, 3),
        analysis.rows.slice(1, 4).map((r) => r.number),
      );
    });

  test('the constructed fragments carry every flag (so the test above reads each one back)', () => {
    const { analysis } = crossed('PRODUCER_TIMESTAMP');
    assert.deepEqual(
      new Set(analysis.rows.map(mainFlag)),
      new Set(['none', 'overlap', 'gap', 'outlier', 'skew', 'backwards']),
    );
  });

  test('a malformed message is refused with the field named', () => {
    const { columns } = crossed('SERVER_TIMESTAMP').message;
    const refused = (value: unknown, expected: RegExp): void =>
      assert.throws(() => checkTimelineColumns(value), expected);
    refused(undefined, /timeline message: no columns/);
    refused({ ...columns, type: 'INGEST' }, /unknown timestamp type "INGEST"/);
    refused({ ...columns, numbers: [...columns.numbers.slice(1), 7] }, /numbers is not a list of fragment numbers/);
    refused({ ...columns, durationMs: columns.durationMs.slice(1) }, /durationMs is not a list of 7 numbers/);
    refused({ ...columns, serverMs: [...columns.serverMs.slice(0, 6), null] }, /serverMs\[6\] is null, not a number/);
    refused({ ...columns, flags: '0000000' }, /flags is not a list of 7 numbers/);
    assert.equal(checkTimelineColumns(columns), columns);
  });
});
