import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { MediaSession } from '../../../src/aws/media-session/media-session';
import type { StartChoice } from '../../../src/aws/media-session/start-selector';
import { parseDateTime } from '../../../src/aws/media-session/start-selector';
import { getMediaFixture } from '../../support/paths';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { Recorder } from './session-harness';

const STREAM = 'mixed';

describe('GetMedia session: the six StartSelector types against kvs-local', () => {
  const local = useKvsLocal({ seeds: [{ name: STREAM, file: getMediaFixture('test_mixed_tags.mkv') }] });
  let numbers: string[];
  before(async () => {
    numbers = local.kvs.store.get(STREAM)!.fragments.map((f) => f.number);
  });

  async function collect(start: StartChoice, count: number, withEndpoint = true): Promise<Recorder> {
    const recorder = new Recorder();
    const session = new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, STREAM, withEndpoint),
      start,
      listener: recorder,
      keepChunkBytes: true,
      idleAfterMs: 300,
    });
    const done = session.run();
    try {
      await recorder.until(() => recorder.fragmentNumbers.length >= count, `${count} chunks from ${start.type}`);
      await recorder.until(() => recorder.lastState === 'idle', 'idle');
    } finally {
      await session.stop();
      await done;
    }
    assert.equal(recorder.lastState, 'stopped');
    return recorder;
  }

  test('EARLIEST delivers every fragment in order, with session indexes and contiguous byte offsets', async () => {
    const r = await collect({ type: 'EARLIEST' }, numbers.length);
    assert.deepEqual(r.fragmentNumbers, numbers);
    assert.deepEqual(
      r.records.map((x) => x.index),
      numbers.map((_, i) => i),
    );
    let offset = 0;
    for (const [i, record] of r.records.entries()) {
      assert.equal(record.byteOffset, offset);
      assert.equal(r.rawChunks[i]?.length, record.byteLength);
      offset += record.byteLength;
      assert.equal(record.continuationToken, record.fragmentNumber);
      assert.ok(
        record.tags.some((t) => t.name.startsWith('testTag')),
        'producer tags are kept',
      );
    }
  });

  test('EARLIEST through GetDataEndpoint (no endpoint override): the data endpoint kvs-local returns is used', async () => {
    const r = await collect({ type: 'EARLIEST' }, numbers.length, false);
    assert.deepEqual(r.fragmentNumbers, numbers);
  });

  test('FRAGMENT_NUMBER starts at the given fragment', async () => {
    const r = await collect({ type: 'FRAGMENT_NUMBER', afterFragmentNumber: numbers[4] }, numbers.length - 4);
    assert.deepEqual(r.fragmentNumbers, numbers.slice(4));
  });

  test('CONTINUATION_TOKEN continues after the chunk that carried it', async () => {
    const r = await collect({ type: 'CONTINUATION_TOKEN', token: numbers[6] }, numbers.length - 7);
    assert.deepEqual(r.fragmentNumbers, numbers.slice(7));
  });

  test('SERVER_TIMESTAMP and PRODUCER_TIMESTAMP start at the fragment holding that time', async () => {
    const fragments = local.kvs.store.get(STREAM)!.fragments;
    const server = await collect(
      { type: 'SERVER_TIMESTAMP', startMs: fragments[3].serverTimestampMs },
      numbers.length - 3,
    );
    assert.deepEqual(server.fragmentNumbers, numbers.slice(3));
    const typed = parseDateTime(new Date(fragments[5].producerTimestampMs).toISOString());
    assert.ok('ms' in typed);
    const producer = await collect({ type: 'PRODUCER_TIMESTAMP', startMs: typed.ms }, numbers.length - 5);
    assert.deepEqual(producer.fragmentNumbers, numbers.slice(5));
  });

  test('NOW waits, then shows fragments as they are put', async () => {
    const recorder = new Recorder();
    const session = new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, STREAM),
      start: { type: 'NOW' },
      listener: recorder,
      idleAfterMs: 300,
    });
    const done = session.run();
    await recorder.until(() => recorder.lastState === 'idle', 'idle before any fragment');
    assert.equal(recorder.records.length, 0);
    const added = await local.kvs.seed(STREAM, getMediaFixture('output_get_media.mkv'));
    await recorder.until(() => recorder.fragmentNumbers.length === added.length, 'the new fragments');
    assert.deepEqual(
      recorder.fragmentNumbers,
      added.map((f) => f.number),
    );
    await session.stop();
    await done;
    numbers = local.kvs.store.get(STREAM)!.fragments.map((f) => f.number);
  });

  test('typed date-times are validated with a message naming the problem', () => {
    assert.deepEqual(parseDateTime('2026-11-27T03:00:00Z'), { ms: Date.UTC(2026, 10, 27, 3) });
    assert.deepEqual(parseDateTime('2026-11-27T05:00:00+02:00'), { ms: Date.UTC(2026, 10, 27, 3) });
    assert.deepEqual(parseDateTime('2026-11-27 03:00:00.5'), { ms: new Date(2026, 10, 27, 3, 0, 0, 500).getTime() });
    assert.deepEqual(parseDateTime('1511852109.126'), { ms: 1511852109126 });
    for (const bad of ['', 'yesterday', '2026-02-30 10:00', '2026-13-01T00:00:00Z']) {
      const r = parseDateTime(bad);
      assert.ok('error' in r, bad);
    }
  });
});
