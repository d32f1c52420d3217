import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startKvsLocal, type KvsLocalHandle } from '../../../kvs-local/server';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import type { KvsClientFactory } from '../../../src/aws/client-factory';
import { getMediaFixture } from '../../support/paths';
import { kvsLocalFactory, Recorder, streamRef } from './session-harness';

// A bug while reading GetMedia bytes (here a reader that throws RangeError, as a stack overflow would) is not a
// dropped connection: the session fails once, saying so, instead of reconnecting until it gives up.

describe('GetMedia session: a programming error is never retried as a network failure', () => {
  let kvs: KvsLocalHandle;
  let clients: { factory: KvsClientFactory; destroy(): void };
  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined });
    clients = kvsLocalFactory(kvs);
    await kvs.seed('door', getMediaFixture('test_mixed_tags.mkv'));
  });
  after(async () => {
    clients.destroy();
    await kvs.close();
  });

  test('a reader that throws RangeError: one failure, no reconnect', async () => {
    const recorder = new Recorder();
    let readers = 0;
    const session = new MediaSession({
      factory: clients.factory,
      stream: streamRef(kvs, 'door'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      newReader: () => {
        readers++;
        return {
          push: () => {
            throw new RangeError('Maximum call stack size exceeded');
          },
          end: () => [],
          fault: null,
        };
      },
      isRetryableErrorId: () => false,
      initialBackoffMs: 10,
      maxBackoffMs: 20,
    });
    await session.run();
    assert.equal(recorder.lastState, 'failed');
    assert.deepEqual(recorder.reconnects, []);
    assert.equal(readers, 1, 'one connection');
    assert.equal(recorder.httpErrors.length, 1);
    assert.equal(recorder.httpErrors[0].name, 'RangeError');
    assert.equal(recorder.httpErrors[0].retryable, false);
  });
});
