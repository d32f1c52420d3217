import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import { describeError, KNOWN_ERROR_IDS } from '../../../src/core/getmedia/error-catalogue';
import { getMediaFixture } from '../../support/paths';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { Recorder } from './session-harness';

describe('GetMedia session: in-band errors, throttling, idle, HTTP errors, stop', () => {
  const local = useKvsLocal({ limits: { connections: 1 } });

  const open = (name: string, recorder: Recorder, idleAfterMs = 300) =>
    new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, name),
      start: { type: 'EARLIEST' },
      listener: recorder,
      idleAfterMs,
      initialBackoffMs: 50,
      maxBackoffMs: 400,
    });

  for (const id of KNOWN_ERROR_IDS) {
    const advice = describeError(id);
    test(`in-band error ${id} (${advice.code}) is decoded, and the session ${advice.retryable ? 'resumes without loss' : 'stops as failed'}`, async () => {
      const name = `err-${id}`;
      const fragments = await local.kvs.seed(name, getMediaFixture('test_mixed_tags.mkv'));
      local.kvs.injectFault(name, `error=${id}@3`);
      const recorder = new Recorder();
      const session = open(name, recorder);
      const done = session.run();
      if (advice.retryable) {
        await recorder.until(
          () => recorder.fragmentNumbers.length === fragments.length,
          'every fragment despite the errors',
        );
        assert.deepEqual(
          recorder.fragmentNumbers,
          fragments.map((f) => f.number),
        );
        await session.stop();
      }
      await done;
      const first = recorder.inBand[0];
      assert.ok(first, 'an in-band error was reported');
      assert.equal(first.record.errorId, id);
      assert.equal(first.retryable, advice.retryable);
      assert.ok(
        recorder.records.some((r) => r.errorId === id),
        'the error chunk is a row',
      );
      if (!advice.retryable) {
        assert.equal(recorder.lastState, 'failed');
        assert.match(recorder.states.at(-1)?.detail ?? '', new RegExp(String(id)));
        assert.deepEqual(
          recorder.fragmentNumbers,
          fragments.slice(0, 3).map((f) => f.number),
        );
      }
    });
  }

  test('a second session over the connection limit is throttled, shown, retried with backoff, and gets in when the first stops', async () => {
    const name = 'busy';
    const fragments = await local.kvs.seed(name, getMediaFixture('output_get_media.mkv'));
    const first = new Recorder();
    const firstSession = open(name, first);
    const firstDone = firstSession.run();
    await first.until(() => first.fragmentNumbers.length === fragments.length, 'first session chunks');
    const second = new Recorder();
    const secondSession = open(name, second);
    const secondDone = secondSession.run();
    await second.until(() => second.httpErrors.length >= 2, 'throttling errors');
    const error = second.httpErrors[0];
    assert.equal(error.name, 'ConnectionLimitExceededException');
    assert.equal(error.status, 400);
    assert.equal(error.retryable, true);
    assert.match(error.errorType ?? '', /ConnectionLimitExceededException/);
    assert.ok(error.requestId, 'the request id is kept');
    assert.equal(second.lastState, 'reconnecting');
    await firstSession.stop();
    await firstDone;
    await second.until(
      () => second.fragmentNumbers.length === fragments.length,
      'second session chunks after the first stopped',
    );
    await secondSession.stop();
    await secondDone;
    assert.equal(local.kvs.store.get(name) !== undefined, true);
  });

  test('an idle stream shows idle (with seconds), then streaming again when bytes come', async () => {
    const name = 'quiet';
    await local.kvs.seed(name, getMediaFixture('output_get_media.mkv'));
    local.kvs.injectFault(name, 'stall=1.5@2');
    const recorder = new Recorder();
    const session = open(name, recorder, 500);
    const done = session.run();
    await recorder.until(() => recorder.lastState === 'idle', 'idle during the stall');
    assert.equal(recorder.fragmentNumbers.length, 2);
    assert.match(recorder.states.at(-1)?.detail ?? '', /no bytes for \d+ s/);
    await recorder.until(() => recorder.fragmentNumbers.length === 5, 'the rest after the stall');
    assert.ok(
      recorder.states.slice(recorder.states.findIndex((s) => s.state === 'idle')).some((s) => s.state === 'streaming'),
    );
    await session.stop();
    await done;
  });

  test('a missing stream fails at once with ResourceNotFoundException, 404, not retryable', async () => {
    const recorder = new Recorder();
    await open('no-such-stream', recorder).run();
    assert.equal(recorder.lastState, 'failed');
    assert.equal(recorder.httpErrors.length, 1);
    assert.equal(recorder.httpErrors[0].name, 'ResourceNotFoundException');
    assert.equal(recorder.httpErrors[0].status, 404);
    assert.equal(recorder.httpErrors[0].retryable, false);
  });

  test('stop() aborts the open request: the connection is released at kvs-local', async () => {
    const name = 'stoppable';
    await local.kvs.seed(name, getMediaFixture('output_get_media.mkv'));
    const recorder = new Recorder();
    const session = open(name, recorder);
    const done = session.run();
    await recorder.until(() => recorder.fragmentNumbers.length === 5, 'chunks');
    await session.stop();
    await done;
    assert.equal(recorder.lastState, 'stopped');
    // The limit is one connection per stream here: a new session gets in only if stop() really closed the first.
    const next = new Recorder();
    const nextSession = open(name, next);
    const nextDone = nextSession.run();
    await next.until(() => next.fragmentNumbers.length === 5, 'a new session after stop');
    assert.ok(
      next.httpErrors.length <= 1,
      `at most one throttle while the server notices the close (${next.httpErrors.length})`,
    );
    await nextSession.stop();
    await nextDone;
  });
});
