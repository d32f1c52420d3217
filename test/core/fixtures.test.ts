import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

const PYTHON = '/usr/bin/python3';
const HAVE_PYTHON = existsSync(PYTHON);

/** Runs the independent Python walker on a capture. */
function derive(mode: '--tracks', file: string): unknown {
  const r = spawnSync(PYTHON, [join(expectedDir, 'derive.py'), mode, file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

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
      // trackStats are checked against the walker run now (derive.py --tracks), the rest against its saved output.
      assert.deepEqual(
        whole.records.map(({ trackStats: _, ...rest }) => rest),
        expected,
      );
      if (HAVE_PYTHON)
        assert.deepEqual(
          whole.records.map((r) => r.trackStats),
          derive('--tracks', file),
        );
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
