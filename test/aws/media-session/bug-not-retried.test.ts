import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import { getMediaFixture } from '../../support/paths';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { Recorder } from './session-harness';

// A bug while handling GetMedia bytes (here a listener that throws TypeError) is not a dropped connection: the
// session fails once, saying so, instead of reconnecting until it gives up.

describe('GetMedia session: a programming error is never retried as a network failure', () => {
  const local = useKvsLocal();
  before(async () => {
    await local.kvs.seed('door', getMediaFixture('test_mixed_tags.mkv'));
  });

  test('a listener that throws TypeError on the first chunks: one failure, no reconnect', async () => {
    let calls = 0;
    const recorder = new (class extends Recorder {
      override chunks(): void {
        calls++;
        throw new TypeError("Cannot read properties of undefined (reading 'index')");
      }
    })();
    const session = new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, 'door'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      initialBackoffMs: 10,
      maxBackoffMs: 20,
    });
    await session.run();
    assert.equal(recorder.lastState, 'failed');
    assert.deepEqual(recorder.reconnects, []);
    assert.equal(calls, 1, 'one delivery, no second connection');
    assert.equal(recorder.httpErrors.length, 1);
    assert.equal(recorder.httpErrors[0].name, 'TypeError');
    assert.equal(recorder.httpErrors[0].retryable, false);
  });
});
