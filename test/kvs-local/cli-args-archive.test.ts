import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../kvs-local/cli-args';

describe('kvs-local command line: archive flags', () => {
  test('--retention, --seed-ago and --no-codec-private', () => {
    const options = parseCliArgs([
      '--retention',
      '0',
      '--seed-ago',
      'gap=a.mkv@600',
      '--seed',
      'gap=a.mkv',
      '--seed',
      'plain=a.mkv',
      '--no-codec-private',
      'plain',
    ]);
    assert.equal(options.retentionHours, 0);
    assert.deepEqual(options.seeds, [
      { name: 'gap', file: 'a.mkv', endsAgoMs: 600_000 },
      { name: 'gap', file: 'a.mkv' },
      { name: 'plain', file: 'a.mkv', withoutCodecPrivate: true },
    ]);
  });

  test('mistakes name the flag', () => {
    for (const [argv, words] of [
      [['--retention', '-1'], /--retention expects whole hours/],
      [['--retention', '1.5'], /--retention expects whole hours/],
      [['--seed-ago', 'gap=a.mkv'], /--seed-ago expects NAME=FILE@SECONDS/],
      [['--seed-ago', '=a.mkv@5'], /--seed-ago expects NAME=FILE/],
    ] as const) {
      assert.throws(
        () => parseCliArgs(argv),
        (e: unknown) => e instanceof UsageError && words.test(e.message),
      );
    }
  });
});
