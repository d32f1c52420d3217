import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Id } from '../../src/core/ebml/ids';
import { concat, ebmlHeader, element, uintElement, unknownSizeHeader } from '../../src/core/ebml/writer';
import { producerStream } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { getMedia } from './media-client';
import { putMedia, slices, type Ack } from './put-media-client';
import { completeChunks } from './read-chunks';

const PRODUCER = new Uint8Array(readFileSync(producerStream));
const CLUSTERS = 37;
const BLOCKS = 1640;
const events = (acks: Ack[], type: string): Ack[] => acks.filter((a) => a.EventType === type);

describe('kvs-local PutMedia', () => {
  const local = useKvsLocal({ putMediaIdleAckMs: 300 });
  before(async () => {
    for (const name of ['producer', 'garbage', 'cut', 'slow']) local.kvs.createStream(name);
  });

  test('the real producer stream ingests cleanly: 37 fragments, acks as the service sends them, 1,640 frames back through GetMedia', async () => {
    const result = await putMedia(local.kvs, 'producer', slices(PRODUCER, 16 * 1024), { timecodeType: 'ABSOLUTE' });
    assert.equal(result.status, 200);
    assert.ok(result.headers['x-amzn-requestid']);
    assert.equal(events(result.acks, 'ERROR').length, 0, result.body);
    const persisted = events(result.acks, 'PERSISTED');
    assert.equal(persisted.length, CLUSTERS);
    assert.equal(events(result.acks, 'BUFFERING').length, CLUSTERS);
    assert.equal(events(result.acks, 'RECEIVED').length, CLUSTERS);
    for (const number of persisted.map((a) => a.FragmentNumber ?? '')) {
      const order = result.acks
        .filter((a) => a.FragmentNumber === number && a.EventType !== 'IDLE')
        .map((a) => a.EventType);
      assert.deepEqual(order, ['BUFFERING', 'RECEIVED', 'PERSISTED']);
      assert.match(number, /^\d{47}$/);
    }
    const numbers = persisted.map((a) => BigInt(a.FragmentNumber ?? '0'));
    assert.ok(
      numbers.every((n, i) => i === 0 || n > numbers[i - 1]),
      'fragment numbers increase',
    );

    const stream = local.kvs.store.get('producer');
    assert.equal(stream?.fragments.length, CLUSTERS);
    assert.equal(
      stream?.fragments.reduce((n, f) => n + f.frames, 0),
      BLOCKS,
    );
    const first = stream?.fragments[0];
    assert.equal(
      first?.producerTimestampMs,
      1703120790149,
      'the producer writes absolute epoch ms into Cluster Timecodes',
    );
    assert.equal(persisted[0].FragmentTimecode, 1703120790149);

    const got = await getMedia(
      local.media,
      'producer',
      { StartSelectorType: 'EARLIEST' },
      (c) => completeChunks(c).length >= CLUSTERS,
      5000,
    );
    assert.equal(got.chunks.length, CLUSTERS);
    assert.equal(
      got.chunks.reduce((n, c) => n + c.frames, 0),
      BLOCKS,
    );
    assert.deepEqual(
      got.chunks.map((c) => c.aws.get('FRAGMENT_NUMBER')),
      persisted.map((a) => a.FragmentNumber),
    );
    assert.ok(got.chunks.filter((c) => c.producerTagCount > 0).length >= 20, "the producer's own tags come back");
  });

  test('a body that is not MKV gets an ERROR ack (4006) and stores nothing', async () => {
    const result = await putMedia(local.kvs, 'garbage', [new TextEncoder().encode('this is not matroska at all')]);
    assert.equal(result.status, 200);
    const errors = events(result.acks, 'ERROR');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].ErrorId, 4006);
    assert.match(errors[0].ErrorCode ?? '', /INVALID_MKV_DATA/);
    assert.equal(local.kvs.store.get('garbage')?.fragments.length, 0);
  });

  test('a producer that dies mid-fragment leaves no half-written fragment', async () => {
    // 16 KiB pieces: 150 KiB ends inside the second cluster (which starts at byte 107,464).
    await putMedia(local.kvs, 'cut', slices(PRODUCER, 16 * 1024), { abortAfterPieces: 10 });
    await new Promise((r) => setTimeout(r, 200));
    const fragments = local.kvs.store.get('cut')?.fragments ?? [];
    assert.equal(fragments.length, 1);
    assert.equal(fragments[0].frames, local.kvs.store.get('producer')?.fragments[0].frames);
  });

  test('IDLE acks while the producer pauses', async () => {
    // The first three clusters end at byte 299,481.
    const pieces = slices(PRODUCER.subarray(0, 299_481), 100_000);
    const result = await putMedia(local.kvs, 'slow', pieces, { pauseMs: 700 });
    assert.ok(events(result.acks, 'IDLE').length >= 1, result.body);
    assert.equal(events(result.acks, 'ERROR').length, 0);
    assert.equal(events(result.acks, 'PERSISTED').length, 3);
  });

  test('RELATIVE cluster timecodes count from x-amzn-producer-start-timestamp', async () => {
    local.kvs.createStream('relative');
    const start = Date.now() - 60_000;
    const block = (tc: number): Uint8Array =>
      element(Id.SimpleBlock, Uint8Array.of(0x81, tc >> 8, tc & 0xff, 0x80, 1, 2, 3));
    const body = concat([
      ebmlHeader('matroska'),
      unknownSizeHeader(Id.Segment),
      element(Id.Info, uintElement(Id.TimecodeScale, 1_000_000)),
      element(Id.Tracks, element(Id.TrackEntry, uintElement(Id.TrackNumber, 1), uintElement(Id.TrackType, 1))),
      element(Id.Cluster, uintElement(Id.Timecode, 0), block(0), block(40)),
      element(Id.Cluster, uintElement(Id.Timecode, 2000), block(0), block(40)),
    ]);
    const result = await putMedia(local.kvs, 'relative', [body], { timecodeType: 'RELATIVE', producerStartMs: start });
    assert.equal(events(result.acks, 'PERSISTED').length, 2, result.body);
    assert.deepEqual(
      local.kvs.store.get('relative')?.fragments.map((f) => f.producerTimestampMs - start),
      [0, 2000],
    );
  });

  test('one PutMedia connection per stream: the newest wins', async () => {
    local.kvs.createStream('twice');
    const pieces = slices(PRODUCER.subarray(0, 299_481), 50_000);
    const older = putMedia(local.kvs, 'twice', pieces, { pauseMs: 150, timecodeType: 'ABSOLUTE' });
    await new Promise((r) => setTimeout(r, 200));
    const newer = await putMedia(local.kvs, 'twice', slices(PRODUCER.subarray(0, 299_481), 100_000), {
      timecodeType: 'ABSOLUTE',
    });
    assert.equal(events(newer.acks, 'PERSISTED').length, 3);
    const old = await older;
    assert.ok(events(old.acks, 'PERSISTED').length < 3, 'the older session was ended');
  });

  test('a missing stream is ResourceNotFoundException (404); a wrong secret 403 InvalidSignatureException', async () => {
    const missing = await putMedia(local.kvs, 'nope', [PRODUCER.subarray(0, 100)]);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['x-amzn-errortype'], 'ResourceNotFoundException');
    const wrong = await putMedia(local.kvs, 'producer', [PRODUCER.subarray(0, 100)], { secretAccessKey: 'nope' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.headers['x-amzn-errortype'], 'InvalidSignatureException');
  });
});
