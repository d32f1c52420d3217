import { describe, test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import { getMediaFixture } from '../../support/paths';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { Recorder } from './session-harness';

// The inspector's first control-plane call, GetDataEndpoint, throttled or denied as the service answers it.

describe('GetMedia session when GetDataEndpoint is throttled or denied', () => {
  const local = useKvsLocal();
  let fragmentNumbers: string[];
  before(async () => {
    fragmentNumbers = (await local.kvs.seed('door', getMediaFixture('output_get_media.mkv'))).map((f) => f.number);
  });
  afterEach(() => local.kvs.clearOperationFaults());

  const open = (recorder: Recorder) =>
    new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, 'door'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      idleAfterMs: 300,
      initialBackoffMs: 50,
      maxBackoffMs: 400,
    });

  test('throttled twice: both shown as retryable GetDataEndpoint errors, then every fragment arrives', async () => {
    local.kvs.injectOperationFault('GetDataEndpoint', 'throttle=2');
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
    local.kvs.injectOperationFault('GetDataEndpoint', 'access-denied');
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
