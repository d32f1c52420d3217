import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../../src/core/getmedia/chunk-reader';
import { ChunkStitcher } from '../../../src/aws/media-session/chunk-stitcher';
import { getMediaFixture } from '../../support/paths';

const feed = (stitcher: ChunkStitcher, bytes: Uint8Array, slice: number) => {
  const out = [];
  for (let i = 0; i < bytes.length; i += slice) out.push(...stitcher.push(bytes.subarray(i, i + slice)));
  return out;
};

describe('ChunkStitcher over the real ChunkReader', () => {
  for (const slice of [1, 7, 4096, 65536]) {
    test(`a capture in ${slice}-byte slices: same records as reading it whole, and the chunk bytes rebuild the file`, () => {
      const file = readFileSync(getMediaFixture('output_get_media.mkv'));
      const stitcher = new ChunkStitcher();
      stitcher.beginConnection();
      const chunks = [...feed(stitcher, file, slice), ...stitcher.endConnection(true)];
      const whole = readAllChunks(file).records;
      assert.deepEqual(
        chunks.map((c) => c.record),
        whole,
      );
      assert.deepEqual(Buffer.concat(chunks.map((c) => c.bytes)), file);
    });
  }

  test('a Segment holding several fragments gives one row per fragment, each once, and its bytes all arrive', () => {
    const file = readFileSync(getMediaFixture('output_get_media_sparse_fragments_merged.mkv'));
    const stitcher = new ChunkStitcher();
    stitcher.beginConnection();
    const chunks = [...feed(stitcher, file, 4096), ...stitcher.endConnection(true)];
    assert.deepEqual(
      chunks.map((c) => c.record.index),
      [0, 1, 2],
    );
    assert.deepEqual(Buffer.concat(chunks.map((c) => c.bytes)), file);
    assert.deepEqual(
      chunks.map((c) => c.record.fragmentNumber),
      readAllChunks(file).records.map((r) => r.fragmentNumber),
    );
  });

  test('a second connection repeating fragments drops the repeats; a broken connection drops its cut-off chunk', () => {
    const file = readFileSync(getMediaFixture('test_mixed_tags.mkv'));
    const whole = readAllChunks(file).records;
    const stitcher = new ChunkStitcher();
    stitcher.beginConnection();
    const cut = whole[4].byteOffset + Math.floor(whole[4].byteLength / 2);
    const first = [...stitcher.push(file.subarray(0, cut)), ...stitcher.endConnection(false)];
    assert.deepEqual(
      first.map((c) => c.record.fragmentNumber),
      whole.slice(0, 4).map((r) => r.fragmentNumber),
    );
    stitcher.beginConnection();
    const second = [...stitcher.push(file.subarray(whole[2].byteOffset)), ...stitcher.endConnection(true)];
    assert.deepEqual(
      second.map((c) => c.record.fragmentNumber),
      whole.slice(4).map((r) => r.fragmentNumber),
    );
    assert.equal(stitcher.duplicatesDropped, 2);
    assert.deepEqual(
      [...first, ...second].map((c) => c.record.index),
      whole.map((_, i) => i),
    );
    assert.deepEqual(Buffer.concat([...first, ...second].map((c) => c.bytes)), file);
  });
});
