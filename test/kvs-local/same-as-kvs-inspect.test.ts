import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { getMediaFixture, gplCapture, hasGplCapture } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { getMedia } from './media-client';
import { completeChunks } from './read-chunks';

/** Seeding a real capture and reading it back through GetMedia gives what src/core's ChunkReader (kvs-inspect) reads from the original. */

const CAPTURES = [
  'output_get_media.mkv',
  'kinesis_video_renderer_example_output.mkv',
  'output-get-media-non-increasing-timecode.mkv',
  'output_get_media_sparse_fragments.mkv',
  'test_mixed_tags.mkv',
  'output-get-media-equal-timecode.mkv',
];

const comparable = (r: ChunkRecord): object => ({
  fragmentNumber: r.fragmentNumber,
  serverTimestamp: r.serverTimestamp,
  producerTimestamp: r.producerTimestamp,
  clusterTimecode: r.clusterTimecode,
  timecodeScale: r.timecodeScale,
  durationMs: r.durationMs,
  frames: r.frames,
  keyframes: r.keyframes,
  tracks: r.tracks,
  anomalies: r.anomalies,
  producerTags: r.tags.filter((t) => !t.name.startsWith('AWS_KINESISVIDEO_')),
});
const withCluster = (records: ChunkRecord[]): ChunkRecord[] =>
  records.filter((r) => r.clusterTimecode !== null && !r.truncated);

describe('kvs-local output read by src/core ChunkReader (what kvs-inspect shows)', () => {
  const files = [...CAPTURES.map(getMediaFixture), ...(hasGplCapture ? [gplCapture] : [])];
  const local = useKvsLocal({
    seeds: files.map((file, i) => ({ name: `capture-${i}`, file, keepCaptureTimes: true })),
  });

  test('every capture: same fragments, timestamps, timecodes, frames, keyframes, tracks, anomalies and producer tags', async () => {
    for (const [i, file] of files.entries()) {
      const original = withCluster(readAllChunks(new Uint8Array(readFileSync(file))).records);
      const got = await getMedia(
        local.media,
        `capture-${i}`,
        { StartSelectorType: 'EARLIEST' },
        (c) => completeChunks(c).length >= original.length,
        5000,
      );
      const read = readAllChunks(new Uint8Array(got.bytes));
      assert.equal(read.fault, null, file);
      assert.deepEqual(read.records.map(comparable), original.map(comparable), file);
      for (const record of read.records) {
        assert.equal(record.continuationToken, record.fragmentNumber);
        assert.ok(record.millisBehindNow !== null && record.millisBehindNow >= 0);
        assert.equal(record.truncated, false);
      }
    }
  });

  test('an ordinary MKV file seeds without anomalies: producer times before server times, spread over the past', async () => {
    const file = getMediaFixture('clusters.mkv');
    await local.kvs.seed('plain', file);
    const count = withCluster(readAllChunks(new Uint8Array(readFileSync(file))).records).length;
    const got = await getMedia(
      local.media,
      'plain',
      { StartSelectorType: 'EARLIEST' },
      (c) => completeChunks(c).length >= count,
      5000,
    );
    const read = readAllChunks(new Uint8Array(got.bytes)).records;
    assert.equal(read.length, count);
    assert.deepEqual(
      read.flatMap((r) => r.anomalies),
      [],
    );
    assert.ok((read.at(-1)?.serverTimestamp ?? Infinity) < Date.now());
    assert.ok((read[0].serverTimestamp ?? 0) > Date.now() - 120_000);
  });
});
