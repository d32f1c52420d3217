import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { startKvsLocal } from '../../kvs-local/server';
import { producerStream } from '../support/paths';
import { clientOn } from '../support/kvs-local-clients';
import { getMedia } from './media-client';
import { putMedia, slices } from './put-media-client';
import { completeChunks } from './read-chunks';

describe('kvs-local --data persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-local-data-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a restart loses no acknowledged fragment; a record cut off by a crash is dropped, not served', async () => {
    const first = await startKvsLocal({ log: () => undefined, dataDir: dir, streams: [{ prefix: 'keep-', count: 3 }] });
    first.createStream('cam');
    const result = await putMedia(first, 'cam', slices(new Uint8Array(readFileSync(producerStream)), 64 * 1024), {
      timecodeType: 'ABSOLUTE',
    });
    const persisted = result.acks.filter((a) => a.EventType === 'PERSISTED').map((a) => a.FragmentNumber);
    assert.equal(persisted.length, 37);
    const arn = first.store.get('cam')?.arn;
    first.store.delete(first.store.get('keep-0001') ?? assert.fail('keep-0001 missing'));
    await first.close();

    // A crash in the middle of the next append leaves a torn record at the end of the file.
    const fragmentsDir = join(dir, 'fragments');
    const file = join(fragmentsDir, readdirSync(fragmentsDir).find((f) => f.startsWith('cam.')) ?? '');
    const sizeBefore = statSync(file).size;
    appendFileSync(file, Buffer.from([0, 0, 0, 40, 123, 34]));

    const second = await startKvsLocal({ log: () => undefined, dataDir: dir });
    try {
      assert.deepEqual(
        second.store.list().map((s) => s.name),
        ['cam', 'keep-0000', 'keep-0002'],
      );
      assert.equal(second.store.get('cam')?.arn, arn);
      assert.deepEqual(
        second.store.get('cam')?.fragments.map((f) => f.number),
        persisted,
      );
      assert.equal(statSync(file).size, sizeBefore, 'the torn record is trimmed away');
      const client = clientOn(second, KinesisVideoMediaClient);
      const got = await getMedia(
        client,
        'cam',
        { StartSelectorType: 'EARLIEST' },
        (c) => completeChunks(c).length >= 37,
        5000,
      );
      client.destroy();
      assert.deepEqual(
        got.chunks.map((c) => c.aws.get('FRAGMENT_NUMBER')),
        persisted,
      );
      assert.equal(
        got.chunks.reduce((n, c) => n + c.frames, 0),
        1640,
      );
      // New fragments continue the numbering after a restart.
      const more = await putMedia(second, 'cam', [new Uint8Array(readFileSync(producerStream)).subarray(0, 299_481)], {
        timecodeType: 'ABSOLUTE',
      });
      const next = more.acks.find((a) => a.EventType === 'PERSISTED')?.FragmentNumber ?? '0';
      assert.ok(BigInt(next) > BigInt(persisted.at(-1) ?? '0'));
    } finally {
      await second.close();
    }
  });
});
