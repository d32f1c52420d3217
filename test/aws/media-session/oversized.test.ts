import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAGMENT_SIZE_LIMIT } from '../../../src/aws/media-session/chunk-bytes';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import { getMediaFixture } from '../../support/paths';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { Recorder } from './session-harness';

describe('GetMedia session: a chunk larger than the service fragment limit', () => {
  const local = useKvsLocal();

  test('is reported while it arrives and as an oversized row; its bytes are dropped, never accumulated, even with a capture running', async () => {
    const fragments = await local.kvs.seed('huge', getMediaFixture('test_mixed_tags.mkv'));
    const hugeBytes = FRAGMENT_SIZE_LIMIT + 8 * 1024 * 1024;
    local.kvs.injectFault('huge', `huge=${hugeBytes}@2`);
    const recorder = new Recorder();
    const session = new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, 'huge'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      keepChunkBytes: true,
      idleAfterMs: 2000,
    });
    let maxHeld = 0;
    const sampler = setInterval(() => (maxHeld = Math.max(maxHeld, session.heldBytes)), 5);
    const done = session.run();
    try {
      await recorder.until(() => recorder.fragmentNumbers.length === fragments.length, 'every fragment', 120_000);
    } finally {
      clearInterval(sampler);
      await session.stop();
      await done;
    }
    assert.deepEqual(
      recorder.oversizedReports.map((r) => [r.index, r.limit]),
      [[2, FRAGMENT_SIZE_LIMIT]],
    );
    const huge = recorder.records[2];
    assert.equal(huge.fragmentNumber, fragments[2].number, 'the oversized chunk is a row with its fragment number');
    assert.ok(huge.byteLength > hugeBytes, `${huge.byteLength} bytes`);
    assert.ok(huge.anomalies.some((a) => /^oversized chunk: .* past the service's 50 MiB fragment limit/.test(a)));
    assert.equal(recorder.rawChunks[2], null, 'its bytes were not kept');
    assert.ok(
      recorder.rawChunks.every((bytes, i) => i === 2 || bytes?.length === recorder.records[i].byteLength),
      'every other chunk kept whole for the capture',
    );
    assert.ok(maxHeld <= FRAGMENT_SIZE_LIMIT + 1024 * 1024, `held at most the limit (${maxHeld} bytes)`);
    assert.equal(recorder.reconnects.length, 0, 'the session read on without a reconnect');
  });
});
