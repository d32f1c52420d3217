import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs, UsageError } from '../../kvs-local/cli-args';
import { parseFault } from '../../kvs-local/faults';

describe('kvs-local command line', () => {
  test('reads every flag, repeatable ones included', () => {
    const options = parseCliArgs([
      '--port',
      '0',
      '--region',
      'eu-west-1',
      '--data',
      '/tmp/kvs',
      '--seed',
      'door=a.mkv',
      '--seed',
      'porch=b.mkv',
      '--live',
      'cam=c.mkv',
      '--access-key',
      'AKID1',
      '--secret-key',
      's1',
      '--access-key',
      'AKID2',
      '--secret-key',
      's2',
      '--streams',
      'cam-:1200',
      '--fault',
      'door:error=4000@2',
      '--keep-capture-times',
    ]);
    assert.equal(options.port, 0);
    assert.equal(options.region, 'eu-west-1');
    assert.equal(options.dataDir, '/tmp/kvs');
    assert.deepEqual(options.seeds, [
      { name: 'door', file: 'a.mkv' },
      { name: 'porch', file: 'b.mkv' },
    ]);
    assert.deepEqual(options.live, [{ name: 'cam', file: 'c.mkv' }]);
    assert.deepEqual(options.credentials, [
      { accessKeyId: 'AKID1', secretAccessKey: 's1' },
      { accessKeyId: 'AKID2', secretAccessKey: 's2' },
    ]);
    assert.deepEqual(options.streams, [{ prefix: 'cam-', count: 1200 }]);
    assert.deepEqual(options.faults, [{ name: 'door', spec: 'error=4000@2' }]);
    assert.equal(options.keepCaptureTimes, true);
    assert.equal(parseCliArgs([]).keepCaptureTimes, false);
  });

  test('mistakes get a message naming what was wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--port', 'abc'], /--port expects 0-65535, got 'abc'/],
      [['--seed', 'nofile'], /--seed expects NAME=FILE, got 'nofile'/],
      [['--streams', 'cam'], /--streams expects PREFIX:COUNT/],
      [['--access-key', 'AKID'], /come in pairs/],
      [['--port'], /--port needs a value/],
      [['--bogus', '1'], /unknown option --bogus/],
      [['stray'], /unexpected argument 'stray'/],
    ];
    for (const [argv, message] of cases)
      assert.throws(
        () => parseCliArgs(argv),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        argv.join(' '),
      );
  });

  test('fault specs', () => {
    assert.deepEqual(parseFault('error=4501@3'), { errorId: 4501, errorAfterChunks: 3 });
    assert.deepEqual(parseFault('error=5000'), { errorId: 5000, errorAfterChunks: 0 });
    assert.deepEqual(parseFault('drop=1000'), { dropAfterBytes: 1000 });
    assert.deepEqual(parseFault('stall=2.5'), { stallSeconds: 2.5, stallBeforeChunk: 1 });
    assert.deepEqual(parseFault('end=3'), { endAfterChunks: 3 });
    assert.deepEqual(parseFault('kms'), { kmsErrorId: 4500 });
    assert.deepEqual(parseFault('kms=4506'), { kmsErrorId: 4506 });
    assert.throws(() => parseFault('kms=4000'), /4500-4506/);
    assert.deepEqual(parseFault('huge=62914560@2'), { hugeClusterBytes: 62914560, hugeClusterAfterChunks: 2 });
    assert.throws(() => parseFault('huge'), /size in bytes/);
    assert.throws(() => parseFault('explode'), /is not one of/);
  });
});
