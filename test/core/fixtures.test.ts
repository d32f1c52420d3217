import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fixturesDir, repoRoot } from '../support/paths';
import { SLICE_SIZES, readSliced } from './slicing';

// Expected records were derived by test/core/expected/derive.py, an independent whole-file walker.
const expectedDir = join(repoRoot, 'test', 'core', 'expected');
const captures = ['getmedia', 'producer-sdk'].flatMap((dir) =>
  readdirSync(join(fixturesDir, dir))
    .filter((f) => f.endsWith('.mkv'))
    .map((f) => join(fixturesDir, dir, f)),
);

describe('ChunkReader on the real captures, in every slice size', () => {
  test('every capture has an expectation file', () => {
    assert.ok(captures.length >= 14, `found ${captures.length} captures`);
    for (const file of captures) assert.ok(readdirSync(expectedDir).includes(`${basename(file, '.mkv')}.json`), file);
  });

  for (const file of captures) {
    const name = basename(file, '.mkv');
    test(name, () => {
      const bytes = readFileSync(file);
      const expected: unknown = JSON.parse(readFileSync(join(expectedDir, `${name}.json`), 'utf8'));
      const whole = readSliced(bytes, Infinity);
      assert.equal(whole.fault, null);
      assert.deepEqual(whole.records, expected);
      for (const size of SLICE_SIZES) {
        const sliced = readSliced(bytes, size);
        assert.deepEqual(
          sliced.emitted,
          whole.emitted,
          `${size}-byte slices must emit the same records in the same order`,
        );
      }
    });
  }
});
