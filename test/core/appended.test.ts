import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concat } from '../../src/core/ebml/writer';
import { fixturesDir, getMediaFixture, repoRoot } from '../support/paths';
import { SLICE_SIZES, readSliced } from './slicing';

// Expected by test/core/expected/derive.py --appended 1 2 3: every fixture cut at a random offset and appended to
// the next, walked with the resync rules by the independent walker.
interface Expectation {
  seed: number;
  pieces: { file: string; cut: number }[];
  bytes: number;
  fault: number | null;
  records: {
    byteOffset: number;
    byteLength: number;
    fragmentNumber: string | null;
    frames: number;
    keyframes: number;
    truncated: boolean;
  }[];
  resyncs: { from: number; at: number }[];
}

const expectations = JSON.parse(
  readFileSync(join(repoRoot, 'test', 'core', 'expected', 'appended.json'), 'utf8'),
) as Expectation[];

function build(e: Expectation): Uint8Array {
  return concat(e.pieces.map((p) => readFileSync(join(fixturesDir, p.file)).subarray(0, p.cut)));
}

describe('appended captures: every fixture cut at a random offset and appended to the next', () => {
  for (const e of expectations) {
    test(`seed ${e.seed}: whole chunks, cut-off chunks and resyncs as the independent walker finds them`, () => {
      const bytes = build(e);
      assert.equal(bytes.length, e.bytes);
      const whole = readSliced(bytes, Infinity);
      assert.equal(whole.fault?.byteOffset ?? null, e.fault);
      const records = whole.records;
      assert.equal(records.filter((r) => !r.truncated).length, e.records.filter((r) => !r.truncated).length);
      assert.equal(records.filter((r) => r.truncated).length, e.records.filter((r) => r.truncated).length);
      assert.deepEqual(
        records.map((r) => ({ byteOffset: r.byteOffset, truncated: r.truncated })),
        e.records.map((r) => ({ byteOffset: r.byteOffset, truncated: r.truncated })),
      );
      const wholeOnes = (rs: typeof e.records): typeof e.records =>
        rs
          .filter((r) => !r.truncated)
          .map((r) => ({
            byteOffset: r.byteOffset,
            byteLength: r.byteLength,
            fragmentNumber: r.fragmentNumber,
            frames: r.frames,
            keyframes: r.keyframes,
            truncated: false,
          }));
      assert.deepEqual(wholeOnes(records), wholeOnes(e.records));
      assert.deepEqual(
        records.flatMap((r) => (r.resync ? [{ from: r.resync.from, at: r.resync.at }] : [])),
        e.resyncs,
      );
      for (const size of SLICE_SIZES.filter((s) => s > 7))
        assert.deepEqual(readSliced(bytes, size).emitted, whole.emitted, `${size}-byte slices`);
    });
  }

  test('1-byte slices give the same records as one piece (small captures cut and appended)', () => {
    const names = [
      'test_mixed_tags.mkv',
      'empty-mkv-with-tags.mkv',
      'test_tags_empty_cluster.mkv',
      'test_mixed_tags.mkv',
    ];
    const parts = names.map((n) => readFileSync(getMediaFixture(n)));
    const bytes = concat([
      parts[0].subarray(0, 9000),
      parts[1].subarray(0, 3000),
      parts[2],
      parts[3].subarray(0, 15000),
      parts[0],
    ]);
    const whole = readSliced(bytes, Infinity);
    assert.ok(
      whole.records.some((r) => r.resync),
      'it resyncs',
    );
    assert.equal(whole.fault, null);
    assert.deepEqual(readSliced(bytes, 1).emitted, whole.emitted);
  });
});
