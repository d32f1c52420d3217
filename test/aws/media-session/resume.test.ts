import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import { readAllChunks } from '../../../src/core/getmedia/chunk-reader';
import { fragmentSize } from '../../../kvs-local/fragment';
import { getMediaFixture } from '../../support/paths';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { seededRandom } from '../../core/mutate';
import { Recorder } from './session-harness';

const STREAM = 'flaky';
const SEEDS = [
  'test_mixed_tags.mkv',
  'output_get_media.mkv',
  'output_get_media_sparse_fragments.mkv',
  'kinesis_video_renderer_example_output.mkv',
];

describe('GetMedia session: resume after dropped connections', () => {
  const local = useKvsLocal();
  before(async () => {
    for (let round = 0; round < 8; round++)
      for (const file of SEEDS) await local.kvs.seed(STREAM, getMediaFixture(file));
  });

  test(
    '50 drops at random byte offsets: 0 chunks lost, 0 duplicated, every reconnect marked, capture bytes exact',
    { timeout: 120_000 },
    async () => {
      const fragments = local.kvs.store.get(STREAM)!.fragments;
      const expected = fragments.map((f) => f.number);
      const largest = Math.max(...fragments.map(fragmentSize));
      const random = seededRandom(Number(process.env.KVS_DROP_SEED ?? 20261127));
      const offsets: number[] = [];
      const nextDrop = (): void => {
        const offset = 1 + Math.floor(random() * largest * 1.5);
        offsets.push(offset);
        local.kvs.injectFault(STREAM, { dropAfterBytes: offset });
      };
      nextDrop();
      const recorder = new Recorder();
      recorder.onReconnecting = (reason) => {
        if (reason !== 'the connection dropped') return;
        if (offsets.length < 50) nextDrop();
        else local.kvs.clearFaults(STREAM);
      };
      const session = new MediaSession({
        factory: local.factory,
        stream: streamRef(local.kvs, STREAM),
        start: { type: 'EARLIEST' },
        listener: recorder,
        keepChunkBytes: true,
        initialBackoffMs: 20,
        maxBackoffMs: 200,
        maxFruitlessAttempts: 1000,
      });
      const done = session.run();
      await recorder.until(() => recorder.fragmentNumbers.length >= expected.length, 'every fragment', 100_000);
      await session.stop();
      await done;

      assert.equal(
        offsets.length,
        50,
        `fifty drops were injected (${offsets.length}, ${recorder.reconnects.length} reconnects)`,
      );
      const drops = recorder.reconnects.filter((r) => r.reason === 'the connection dropped').length;
      const reasons = recorder.reconnects
        .map((r) => r.reason)
        .reduce<Record<string, number>>((m, r) => ({ ...m, [r]: (m[r] ?? 0) + 1 }), {});
      assert.ok(drops >= 50, `${drops} dropped connections seen: ${JSON.stringify(reasons)}`);
      assert.deepEqual(recorder.fragmentNumbers, expected, '0 lost, 0 duplicated, in order');
      assert.equal(new Set(recorder.fragmentNumbers).size, expected.length);
      assert.equal(session.snapshot().reconnects, recorder.reconnects.length);
      // The stitched bytes are whole chunks: read back as a capture file they give the same fragments.
      const capture = Buffer.concat(recorder.rawChunks.map((c) => c ?? assert.fail('every chunk has its bytes')));
      const reread = readAllChunks(capture);
      assert.equal(reread.fault, null);
      assert.deepEqual(
        reread.records.map((r) => r.fragmentNumber),
        expected,
      );
      assert.deepEqual(
        reread.records.map((r) => r.byteOffset),
        recorder.records.map((r) => r.byteOffset),
      );
      assert.ok(createHash('sha256').update(capture).digest('hex').length === 64);
    },
  );

  test('the service ending sessions cleanly (as after 40-45 minutes) resumes from the last token each time: 0 lost, 0 duplicated', async () => {
    const name = 'short-sessions';
    const fragments = await local.kvs.seed(name, getMediaFixture('test_mixed_tags.mkv'));
    local.kvs.injectFault(name, 'end=3');
    const recorder = new Recorder();
    const session = new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, name),
      start: { type: 'EARLIEST' },
      listener: recorder,
      initialBackoffMs: 20,
    });
    const done = session.run();
    await recorder.until(
      () => recorder.fragmentNumbers.length >= fragments.length,
      'every fragment over several sessions',
      30_000,
    );
    await session.stop();
    await done;
    assert.deepEqual(
      recorder.fragmentNumbers,
      fragments.map((f) => f.number),
    );
    const ended = recorder.reconnects.filter((r) => r.reason === 'the service ended the response');
    assert.ok(ended.length >= 3, `${ended.length} clean session ends`);
    for (const [i, r] of ended.entries())
      assert.equal(r.token, fragments[(i + 1) * 3 - 1].number, 'each resume continues after the last token delivered');
  });
});
