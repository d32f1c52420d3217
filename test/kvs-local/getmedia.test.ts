import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GetMediaCommand } from '@aws-sdk/client-kinesis-video-media';
import { getMediaFixture, gplCapture, hasGplCapture } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { getMedia, readBody } from './media-client';
import { completeChunks, readChunks, type ReadChunk } from './read-chunks';
import { rejection } from '../support/sdk-rejection';

const CAPTURES = [
  'output_get_media.mkv',
  'kinesis_video_renderer_example_output.mkv',
  'output-get-media-non-increasing-timecode.mkv',
  'output-get-media-equal-timecode.mkv',
  'output_get_media_sparse_fragments.mkv',
  'test_mixed_tags.mkv',
];
const hasCluster = (c: ReadChunk): boolean => c.clusterTimecode !== null && !c.truncated;
const view = (c: ReadChunk): object => ({
  fragment: c.aws.get('FRAGMENT_NUMBER'),
  server: c.aws.get('SERVER_TIMESTAMP'),
  producer: c.aws.get('PRODUCER_TIMESTAMP'),
  frames: c.frames,
  clusterTimecode: c.clusterTimecode,
  producerTags: c.producerTagCount,
});
const all =
  (n: number) =>
  (chunks: ReadChunk[]): boolean =>
    completeChunks(chunks).length >= n;

describe('kvs-local GetMedia through @aws-sdk/client-kinesis-video-media', () => {
  const local = useKvsLocal({
    seeds: CAPTURES.map((file, i) => ({ name: `capture-${i}`, file: getMediaFixture(file), keepCaptureTimes: true })),
  });

  test('seeded captures come back with the same fragment numbers, timestamps, frames, timecodes and producer tags', async () => {
    for (const [i, file] of CAPTURES.entries()) {
      const original = readChunks(readFileSync(getMediaFixture(file))).chunks.filter(hasCluster);
      const got = await getMedia(local.media, `capture-${i}`, { StartSelectorType: 'EARLIEST' }, all(original.length));
      assert.equal(got.contentType, 'video/webm');
      assert.deepEqual(got.chunks.map(view), original.map(view), file);
      for (const chunk of got.chunks) {
        assert.equal(chunk.aws.get('CONTINUATION_TOKEN'), chunk.aws.get('FRAGMENT_NUMBER'));
        assert.match(chunk.aws.get('MILLIS_BEHIND_NOW') ?? '', /^\d+$/);
      }
    }
  });

  test('by default a seeded capture looks just put: fresh numbers, times ending a second ago, spacing, frames and tags kept', async () => {
    const original = readChunks(readFileSync(getMediaFixture('output_get_media.mkv'))).chunks.filter(hasCluster);
    await local.kvs.seed('fresh', getMediaFixture('output_get_media.mkv'));
    const got = await getMedia(local.media, 'fresh', { StartSelectorType: 'EARLIEST' }, all(original.length));
    const seconds = (c: ReadChunk, tag: string): number => Number(c.aws.get(tag)) * 1000;
    const last = got.chunks.at(-1) as ReadChunk;
    assert.ok(
      Math.abs(Date.now() - seconds(last, 'SERVER_TIMESTAMP') - 1000) < 5000,
      'the last one arrived about a second ago',
    );
    assert.ok(Number(last.aws.get('MILLIS_BEHIND_NOW')) < 6000);
    const gaps = (chunks: ReadChunk[], tag: string): number[] =>
      chunks.slice(1).map((c, i) => Math.round(seconds(c, tag) - seconds(chunks[i], tag)));
    assert.deepEqual(gaps(got.chunks, 'SERVER_TIMESTAMP'), gaps(original, 'SERVER_TIMESTAMP'));
    assert.deepEqual(gaps(got.chunks, 'PRODUCER_TIMESTAMP'), gaps(original, 'PRODUCER_TIMESTAMP'));
    assert.notEqual(got.chunks[0].aws.get('FRAGMENT_NUMBER'), original[0].aws.get('FRAGMENT_NUMBER'));
    assert.deepEqual(
      got.chunks.map((c) => [c.frames, c.clusterTimecode, c.producerTagCount]),
      original.map((c) => [c.frames, c.clusterTimecode, c.producerTagCount]),
    );
  });

  test(
    'the GPL C-producer capture (when ../shared has it) seeds every complete cluster',
    { skip: !hasGplCapture },
    async () => {
      const original = readChunks(readFileSync(gplCapture)).chunks.filter(hasCluster);
      await local.kvs.seed('c-producer', gplCapture);
      const got = await getMedia(local.media, 'c-producer', { StartSelectorType: 'EARLIEST' }, all(original.length));
      assert.deepEqual(
        got.chunks.map((c) => c.frames),
        original.map((c) => c.frames),
      );
      assert.deepEqual(
        got.chunks.map((c) => c.clusterTimecode),
        original.map((c) => c.clusterTimecode),
      );
    },
  );

  test('FRAGMENT_NUMBER starts at that fragment, CONTINUATION_TOKEN right after it', async () => {
    const fragments = local.kvs.store.get('capture-0')?.fragments ?? [];
    assert.equal(fragments.length, 5);
    const at = await getMedia(
      local.media,
      'capture-0',
      { StartSelectorType: 'FRAGMENT_NUMBER', AfterFragmentNumber: fragments[2].number },
      all(3),
    );
    assert.deepEqual(
      at.chunks.map((c) => c.aws.get('FRAGMENT_NUMBER')),
      fragments.slice(2).map((f) => f.number),
    );
    const resumed = await getMedia(
      local.media,
      'capture-0',
      { StartSelectorType: 'CONTINUATION_TOKEN', ContinuationToken: at.chunks[0].aws.get('CONTINUATION_TOKEN') },
      all(2),
    );
    assert.deepEqual(
      resumed.chunks.map((c) => c.aws.get('FRAGMENT_NUMBER')),
      fragments.slice(3).map((f) => f.number),
    );
  });

  test('SERVER_TIMESTAMP and PRODUCER_TIMESTAMP start at the fragment holding that time', async () => {
    const fragments = local.kvs.store.get('capture-1')?.fragments ?? [];
    const third = fragments[3];
    const byServer = await getMedia(
      local.media,
      'capture-1',
      { StartSelectorType: 'SERVER_TIMESTAMP', StartTimestamp: new Date(third.serverTimestampMs) },
      all(fragments.length - 3),
    );
    assert.equal(byServer.chunks[0].aws.get('FRAGMENT_NUMBER'), third.number);
    assert.equal(byServer.chunks.length, fragments.length - 3);
    const byProducer = await getMedia(
      local.media,
      'capture-1',
      { StartSelectorType: 'PRODUCER_TIMESTAMP', StartTimestamp: new Date(third.producerTimestampMs + 1) },
      all(1),
    );
    assert.equal(byProducer.chunks[0].aws.get('FRAGMENT_NUMBER'), third.number);
  });

  test('NOW sends nothing old, keeps the connection open, and delivers new fragments as they arrive', async () => {
    const out = await local.media.send(
      new GetMediaCommand({ StreamName: 'capture-2', StartSelector: { StartSelectorType: 'NOW' } }),
    );
    const reading = readBody(out.Payload as never, out.ContentType, all(3), 5000);
    await new Promise((r) => setTimeout(r, 300));
    const before = local.kvs.store.get('capture-2')?.fragments.length ?? 0;
    assert.equal(
      (await local.kvs.seed('capture-2', getMediaFixture('output_get_media_sparse_fragments.mkv'))).length,
      3,
    );
    const got = await reading;
    assert.equal(got.ending, 'enough');
    const added = local.kvs.store.get('capture-2')?.fragments.slice(before) ?? [];
    assert.deepEqual(
      got.chunks.map((c) => c.aws.get('FRAGMENT_NUMBER')),
      added.map((f) => f.number),
    );
  });

  test('an idle stream keeps the session open with nothing sent; deleting the stream ends it', async () => {
    local.kvs.createStream('idle');
    const out = await local.media.send(
      new GetMediaCommand({ StreamName: 'idle', StartSelector: { StartSelectorType: 'EARLIEST' } }),
    );
    const reading = readBody(out.Payload as never, out.ContentType, () => false, 5000);
    await new Promise((r) => setTimeout(r, 400));
    const stream = local.kvs.store.get('idle');
    assert.ok(stream);
    local.kvs.store.delete(stream);
    const got = await reading;
    assert.equal(got.ending, 'end');
    assert.equal(got.bytes.length, 0);
  });

  test('unknown fragment numbers and tokens get the in-band 4000 error chunk', async () => {
    const got = await getMedia(local.media, 'capture-0', {
      StartSelectorType: 'CONTINUATION_TOKEN',
      ContinuationToken: '12345',
    });
    assert.equal(got.ending, 'end');
    assert.equal(got.chunks.length, 1);
    assert.equal(got.chunks[0].aws.get('ERROR_ID'), '4000');
  });

  test('bad selectors get InvalidArgumentException; a missing stream ResourceNotFoundException', async () => {
    const noNumber = await rejection(
      local.media.send(
        new GetMediaCommand({ StreamName: 'capture-0', StartSelector: { StartSelectorType: 'FRAGMENT_NUMBER' } }),
      ),
    );
    assert.equal(noNumber.name, 'InvalidArgumentException');
    const badType = await rejection(
      local.media.send(
        new GetMediaCommand({ StreamName: 'capture-0', StartSelector: { StartSelectorType: 'LATEST' as 'NOW' } }),
      ),
    );
    assert.equal(badType.name, 'InvalidArgumentException');
    const missing = await rejection(
      local.media.send(new GetMediaCommand({ StreamName: 'nope', StartSelector: { StartSelectorType: 'NOW' } })),
    );
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });
});
