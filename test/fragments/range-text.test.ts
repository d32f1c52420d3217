import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRange, parseTime } from '../../src/fragments/range-text';

describe('the custom range of Browse Fragments', () => {
  const now = Date.UTC(2026, 11, 2, 0, 0, 0);
  test('times in UTC, with seconds and milliseconds, or with an explicit offset', () => {
    assert.equal(parseTime('2026-12-01 10:00', 'utc'), Date.UTC(2026, 11, 1, 10, 0));
    assert.equal(parseTime('2026-12-01T10:00:30.25Z', 'local'), Date.UTC(2026, 11, 1, 10, 0, 30, 250));
    assert.equal(parseTime('2026-12-01 12:00+02:00', 'utc'), Date.UTC(2026, 11, 1, 10, 0));
    assert.equal(parseTime('2026-12-01 10:00', 'local'), new Date(2026, 11, 1, 10, 0).getTime());
    for (const bad of ['yesterday', '2026-13-01 10:00', '2026-12-01 25:00', '2026-12-01', ''])
      assert.equal(parseTime(bad, 'utc'), null, bad);
  });

  test('a range is two times in order, not in the future, at most 7 days', () => {
    assert.deepEqual(parseRange('2026-12-01 10:00 .. 2026-12-01 11:00', 'utc', now), {
      startMs: Date.UTC(2026, 11, 1, 10),
      endMs: Date.UTC(2026, 11, 1, 11),
    });
    const problems: Array<[string, RegExp]> = [
      ['2026-12-01 10:00', /START \.\. END/],
      ['2026-12-01 11:00 .. 2026-12-01 10:00', /end must be after the start/],
      ['2026-12-03 10:00 .. 2026-12-03 11:00', /future/],
      ['2026-11-01 10:00 .. 2026-12-01 11:00', /more than 7 days/],
      ['noon .. 2026-12-01 11:00', /'noon' is not a time/],
    ];
    for (const [text, words] of problems) assert.match(parseRange(text, 'utc', now).problem ?? '', words, text);
  });
});
