import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTimeline, compareFragmentNumbers, type FragmentInfo } from '../../../src/core/archive/timeline';

/** Fragments of `durations` ms laid end to end from t=0 (server = producer + 100), then `edit` applied. */
function timeline(durations: number[], edit: (f: FragmentInfo[]) => void = () => undefined): FragmentInfo[] {
  let t = 1_000_000;
  const out = durations.map((d, i) => {
    const f = { number: String(9_000_000 + i * 3), producerMs: t, serverMs: t + 100, durationMs: d, sizeBytes: 1000 };
    t += d;
    return f;
  });
  edit(out);
  return out;
}

const shift = (f: FragmentInfo, ms: number): void => {
  f.producerMs += ms;
  f.serverMs += ms;
};
const range = { rangeStartMs: 1_000_000, rangeEndMs: 1_020_000 };

describe('timeline analysis on constructed timelines', () => {
  const cases: Array<{
    name: string;
    fragments: FragmentInfo[];
    flagged: Partial<Record<'gap' | 'overlap' | 'outlier' | 'skew' | 'backwards', number[]>>;
    gapMs?: number;
  }> = [
    { name: 'evenly spaced: nothing flagged', fragments: timeline([2000, 2000, 2000, 2000]), flagged: {} },
    {
      name: 'a gap of 5 s before the third fragment (threshold 2 x 2 s)',
      fragments: timeline([2000, 2000, 2000, 2000], (f) => {
        shift(f[2], 5000);
        shift(f[3], 5000);
      }),
      flagged: { gap: [2] },
      gapMs: 5000,
    },
    {
      name: 'a 3 s space is below the 4 s threshold: not a gap',
      fragments: timeline([2000, 2000, 2000], (f) => shift(f[2], 3000)),
      flagged: {},
    },
    {
      name: 'an overlap: the third starts 500 ms before the second ends',
      fragments: timeline([2000, 2000, 2000], (f) => shift(f[2], -500)),
      flagged: { overlap: [2] },
    },
    {
      name: 'a duration outlier (5 s among 2 s)',
      fragments: timeline([2000, 5000, 2000, 2000]),
      flagged: { outlier: [1] },
    },
    {
      name: 'skew: the producer clock 6 s behind the service',
      fragments: timeline([2000, 2000], (f) => (f[1].serverMs += 6000)),
      flagged: { skew: [1] },
    },
    {
      name: 'producer time going backwards in ingest order',
      fragments: timeline([2000, 2000, 2000], (f) => {
        f[2].producerMs = f[0].producerMs - 10_000;
      }),
      // Sorted by producer time it comes first, and the old first fragment now follows a gap.
      flagged: { backwards: [0], skew: [0], gap: [1] },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { rows, summary } = analyzeTimeline(c.fragments, { type: 'PRODUCER_TIMESTAMP', ...range });
      const indexes = (pick: (r: (typeof rows)[number]) => boolean): number[] =>
        rows.flatMap((r, i) => (pick(r) ? [i] : []));
      assert.deepEqual(
        indexes((r) => r.gapBeforeMs !== null),
        c.flagged.gap ?? [],
      );
      assert.deepEqual(
        indexes((r) => r.overlapMs !== null),
        c.flagged.overlap ?? [],
      );
      assert.deepEqual(
        indexes((r) => r.durationOutlier),
        c.flagged.outlier ?? [],
      );
      assert.deepEqual(
        indexes((r) => r.skewed),
        c.flagged.skew ?? [],
      );
      assert.deepEqual(
        indexes((r) => r.producerBackwards),
        c.flagged.backwards ?? [],
      );
      if (c.gapMs !== undefined) {
        assert.equal(rows[c.flagged.gap?.[0] ?? 0].gapBeforeMs, c.gapMs);
        assert.equal(summary.largestGapMs, c.gapMs);
        assert.equal(summary.gapTotalMs, c.gapMs);
      }
    });
  }

  test('sorts the unordered input on the chosen axis, ties by fragment number', () => {
    const fragments = timeline([1000, 1000, 1000, 1000]);
    const shuffled = [fragments[2], fragments[0], fragments[3], fragments[1]];
    const { rows } = analyzeTimeline(shuffled, { type: 'SERVER_TIMESTAMP', ...range });
    assert.deepEqual(
      rows.map((r) => r.number),
      fragments.map((f) => f.number),
    );
    assert.deepEqual(
      rows.map((r) => r.startMs),
      fragments.map((f) => f.serverMs),
    );
    assert.ok(compareFragmentNumbers('91343852333181432394478230942567000009000000027', '9999') > 0);
  });

  test('summary: count, total duration, coverage of the range, gaps, largest gap', () => {
    const fragments = timeline([2000, 2000, 2000, 2000, 2000], (f) => {
      for (const later of f.slice(2)) shift(later, 6000);
      for (const later of f.slice(4)) shift(later, 4500);
    });
    const { summary } = analyzeTimeline(fragments, { type: 'PRODUCER_TIMESTAMP', ...range });
    assert.equal(summary.fragments, 5);
    assert.equal(summary.totalDurationMs, 10_000);
    assert.equal(summary.gaps, 2);
    assert.equal(summary.gapTotalMs, 10_500);
    assert.equal(summary.largestGapMs, 6000);
    assert.equal(summary.largestGapBefore, fragments[2].number);
    // The last fragment runs 500 ms past the range's end: that part is not coverage.
    assert.equal(summary.coverage, 9_500 / 20_000);
    assert.equal(summary.medianDurationMs, 2000);
  });

  test('an empty listing has a summary of zeros', () => {
    const { rows, summary } = analyzeTimeline([], { type: 'SERVER_TIMESTAMP', ...range });
    assert.deepEqual(rows, []);
    assert.equal(summary.fragments, 0);
    assert.equal(summary.coverage, 0);
    assert.equal(summary.firstStartMs, null);
  });
});
