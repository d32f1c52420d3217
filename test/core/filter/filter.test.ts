import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilter, FilterError } from '../../../src/core/filter';
import type { ChunkRecord } from '../../../src/core/getmedia/record';

const FRAGMENT = '91343852333181432392682062607743920146264868231';

function record(index: number, patch: Partial<ChunkRecord>): ChunkRecord {
  return {
    index,
    byteOffset: index * 1000,
    byteLength: 1000,
    fragmentNumber: null,
    serverTimestamp: 1_700_000_000_000,
    producerTimestamp: 1_700_000_000_000,
    serverTimestampText: '1700000000.000',
    producerTimestampText: '1700000000.000',
    millisBehindNow: 100,
    continuationToken: null,
    errorId: null,
    errorCode: null,
    errorMeaning: null,
    clusterTimecode: 0,
    timecodeScale: 1_000_000,
    durationMs: 1000,
    frames: 31,
    keyframes: 1,
    tracks: [
      { number: 1, codecId: 'V_MPEG4/ISO/AVC', type: 1 },
      { number: 2, codecId: 'A_AAC', type: 2 },
    ],
    trackStats: [
      { number: 1, frames: patch.frames ?? 31, keyframes: patch.keyframes ?? 1, bytes: 900, durationMs: 1000 },
      // Every AAC frame is key: these must not count as keyframes.
      { number: 2, frames: 47, keyframes: 47, bytes: 100, durationMs: 1000 },
    ],
    tags: [],
    anomalies: [],
    truncated: false,
    ranges: {},
    ...patch,
  };
}

/** Rows named by letter: each expression below lists the rows it must match. */
const ROWS: Record<string, ChunkRecord> = {
  a: record(0, { fragmentNumber: FRAGMENT, tags: [{ name: 'camera', value: 'lobby' }] }),
  b: record(1, {
    fragmentNumber: '91343852333181432392682062607743920146264000183',
    keyframes: 0,
    millisBehindNow: 200,
  }),
  c: record(2, {
    millisBehindNow: 7000,
    producerTimestamp: 1_700_000_002_000,
    tags: [{ name: 'CAMERA', value: 'yard' }],
  }),
  d: record(3, { errorId: 4000, errorCode: 'FRAGMENT_NOT_FOUND', millisBehindNow: null, frames: 0, keyframes: 0 }),
  e: record(4, { errorId: 4500, errorCode: 'KMS_KEY_ACCESS_DENIED', producerTimestamp: 1_700_000_005_000 }),
  f: record(5, { truncated: true, anomalies: ['cut off: the input ended inside this chunk'], byteLength: 64_000_000 }),
};

const CASES: Array<[string, string]> = [
  ['keyframes == 0 || behind > 5000', 'bcd'],
  ['skew > 1000 && !error', 'c'],
  ['tag.camera == "lobby"', 'a'],
  ['tag.camera == "yard"', 'c'],
  ['tag.CAMERA != null', 'ac'],
  ['fragment ~ "000183$"', 'b'],
  ['fragment !~ "000183$"', 'acdef'],
  ['error in {4000, 4500}', 'de'],
  ['errorCode in {"KMS_KEY_ACCESS_DENIED"}', 'e'],
  ['error', 'de'],
  ['!error', 'abcf'],
  ['error >= 4500', 'e'],
  ['behind == null', 'd'],
  ['behind < 150', 'aef'],
  ['behind <= 200 && behind >= 200', 'b'],
  ['!(behind < 150) && behind != null', 'bc'],
  [`fragment == ${FRAGMENT}`, 'a'],
  [`fragment > ${FRAGMENT}`, ''],
  [`fragment < ${FRAGMENT}`, 'b'],
  ['truncated', 'f'],
  ['truncated == false', 'abcde'],
  ['bytes > 1000000', 'f'],
  ['anomalies ~ "^cut off"', 'f'],
  ['index >= 2 && index <= 3 || index == 5', 'cdf'],
  ['index >= 2 && (index <= 3 || index == 5)', 'cdf'],
  ['(index == 0 || index == 1) && keyframes', 'a'],
  ['frames == 0', 'd'],
  ['lobby', 'a'],
  ['"FRAGMENT_NOT"', 'd'],
  ['000183', 'b'],
  ['fps > 29.9 && fps < 30.1', 'abcef'],
  ["tag.camera == 'lobby' && index == 0", 'a'],
  ['skew == -0', 'abdf'],
  ['skew > -1', 'abcdef'],
];

const matching = (expression: string): string => {
  const predicate = compileFilter(expression);
  return Object.entries(ROWS)
    .filter(([, r]) => predicate(r))
    .map(([name]) => name)
    .join('');
};

describe('filter expressions', () => {
  for (const [expression, expected] of CASES)
    test(`${expression}  →  ${expected || '(none)'}`, () => assert.equal(matching(expression), expected));

  const ERRORS: Array<[string, number, RegExp]> = [
    ['keyframe == 0', 0, /unknown field keyframe/],
    ['behind > ', 9, /expected a field, a number or a "string", found the end/],
    ['behind = 5', 7, /use == to compare/],
    ['behind > 5 & error', 11, /use &&/],
    ['(behind > 5', 11, /expected \) to close the \( at 1/],
    ['behind > 5)', 10, /unexpected "\)"/],
    ['tag.camera == "lobby', 14, /unterminated string/],
    ['fragment ~ 183', 11, /expected a "quoted" pattern/],
    ['fragment ~ "(a+)+$"', 11, /pattern refused: a repeated group/],
    ['fragment ~ "(a|aa)*b"', 11, /pattern refused/],
    ['fragment ~ "(a)\\1"', 11, /backreferences/],
    ['fragment ~ "["', 11, /bad pattern/],
    [`fragment ~ "${'a'.repeat(300)}"`, 11, /longer than 256/],
    ['error in 4000', 9, /expected \{ after in/],
    ['error in {4000 4500}', 15, /expected , or \}/],
    ['error in {behind}', 10, /a set holds numbers and strings only/],
    ['', 0, /empty/],
    ['behind > 5 $', 11, /unexpected character "\$"/],
    ['true', 0, /true alone is not a test/],
    ['x'.repeat(2001), 2000, /longer than 2000/],
    ['('.repeat(100) + 'error' + ')'.repeat(100), 64, /nested deeper than 64/],
  ];
  for (const [expression, position, message] of ERRORS)
    test(`error at ${position}: ${expression.slice(0, 40)}`, () => {
      assert.throws(
        () => compileFilter(expression),
        (e: unknown) => e instanceof FilterError && e.position === position && message.test(e.message),
      );
    });

  test('the caret points at the offending characters', () => {
    try {
      compileFilter('frames > 0 && keyframe == 0');
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof FilterError);
      assert.equal(e.withCaret('frames > 0 && keyframe == 0').split('\n')[2], '                ^^^^^^^^');
    }
  });

  test('a regex runs on the first 4096 characters of a huge tag value only', () => {
    const huge = record(9, { tags: [{ name: 'BLOB', value: 'a'.repeat(1_000_000) + 'END' }] });
    assert.equal(compileFilter('tag.BLOB ~ "END$"')(huge), false);
    assert.equal(compileFilter('tag.BLOB ~ "^a{4096}$"')(huge), true);
  });
});
