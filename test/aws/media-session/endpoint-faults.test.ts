import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startKvsLocal, type KvsLocalHandle } from '../../../kvs-local/server';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import type { KvsClientFactory } from '../../../src/aws/client-factory';
import { getMediaFixture } from '../../support/paths';
import { kvsLocalFactory, streamRef } from '../../support/kvs-local-clients';
import { Recorder } from './session-harness';

// The inspector's first control-plane call, GetDataEndpoint, throttled or denied as the service answers it.

describe('GetMedia session when GetDataEndpoint is throttled or denied', () => {
  let kvs: KvsLocalHandle;
  let clients: { factory: KvsClientFactory; destroy(): void };
  let fragmentNumbers: string[];
  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined });
    fragmentNumbers = (await kvs.seed('door', getMediaFixture('output_get_media.mkv'))).map((f) => f.number);
    clients = kvsLocalFactory(kvs);
  });
  afterEach(() => kvs.clearOperationFaults());
  after(async () => {
    clients.destroy();
    await kvs.close();
  });

  const open = (recorder: Recorder) =>
    new MediaSession({
      factory: clients.factory,
      stream: streamRef(kvs, 'door'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      idleAfterMs: 300,
      initialBackoffMs: 50,
      maxBackoffMs: 400,
    });

  test('throttled twice: both shown as retryable GetDataEndpoint errors, then every fragment arrives', async () => {
    kvs.injectOperationFault('GetDataEndpoint', 'throttle=2');
    const recorder = new Recorder();
    const session = open(recorder);
    const done = session.run();
    await recorder.until(
      () => recorder.fragmentNumbers.length === fragmentNumbers.length,
      'every fragment after the throttling',
    );
    await session.stop();
    await done;
    assert.deepEqual(recorder.fragmentNumbers, fragmentNumbers);
    assert.deepEqual(
      recorder.httpErrors.map((e) => [e.operation, e.name, e.status, e.retryable]),
      [
        ['GetDataEndpoint', 'ClientLimitExceededException', 400, true],
        ['GetDataEndpoint', 'ClientLimitExceededException', 400, true],
      ],
    );
    assert.equal(recorder.reconnects.length, 2);
  });

  test('access denied: one GetDataEndpoint error, not retryable, the session fails without a chunk', async () => {
    kvs.injectOperationFault('GetDataEndpoint', 'access-denied');
    const recorder = new Recorder();
    await open(recorder).run();
    assert.equal(recorder.lastState, 'failed');
    assert.equal(recorder.records.length, 0);
    assert.equal(recorder.httpErrors.length, 1);
    const [denied] = recorder.httpErrors;
    assert.equal(denied.operation, 'GetDataEndpoint');
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(denied.status, 403);
    assert.equal(denied.retryable, false);
    assert.match(denied.message, /not authorized to perform: kinesisvideo:GetDataEndpoint on resource: door/);
  });
});
