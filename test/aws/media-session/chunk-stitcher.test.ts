import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../../src/core/getmedia/chunk-reader';
import { ChunkStitcher, type OversizedChunk } from '../../../src/aws/media-session/chunk-stitcher';
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
      stitcher.keepBytes(true);
      stitcher.beginConnection();
      const chunks = [...feed(stitcher, file, slice), ...stitcher.endConnection(true)];
      const whole = readAllChunks(file).records;
      assert.deepEqual(
        chunks.map((c) => c.record),
        whole,
      );
      assert.deepEqual(Buffer.concat(chunks.flatMap((c) => c.pieces ?? assert.fail('bytes kept'))), file);
    });
  }

  test('a Segment holding several fragments gives one row per fragment, each once, and its bytes all arrive', () => {
    const file = readFileSync(getMediaFixture('output_get_media_sparse_fragments_merged.mkv'));
    const stitcher = new ChunkStitcher();
    stitcher.keepBytes(true);
    stitcher.beginConnection();
    const chunks = [...feed(stitcher, file, 4096), ...stitcher.endConnection(true)];
    assert.deepEqual(
      chunks.map((c) => c.record.index),
      [0, 1, 2],
    );
    assert.deepEqual(Buffer.concat(chunks.flatMap((c) => c.pieces ?? assert.fail('bytes kept'))), file);
    assert.deepEqual(
      chunks.map((c) => c.record.fragmentNumber),
      readAllChunks(file).records.map((r) => r.fragmentNumber),
    );
  });

  test('unreadable bytes inside a connection: the reader resyncs at the next chunk; with none, the fault shows once the connection ends', () => {
    const file = readFileSync(getMediaFixture('test_mixed_tags.mkv'));
    const whole = readAllChunks(file).records;
    const stitcher = new ChunkStitcher();
    stitcher.beginConnection();
    const garbage = Uint8Array.of(0x00, 0x01, 0x02);
    const chunks = [
      ...stitcher.push(file.subarray(0, whole[1].byteOffset)),
      ...stitcher.push(garbage),
      ...stitcher.push(file.subarray(whole[1].byteOffset)),
      ...stitcher.endConnection(true),
    ];
    const resynced = stitcher.fault;
    assert.equal(resynced, null);
    assert.deepEqual(
      chunks.map((c) => c.record.fragmentNumber),
      whole.map((r) => r.fragmentNumber),
    );
    assert.deepEqual(chunks[1].record.resync?.at, whole[1].byteOffset + garbage.length);
    stitcher.beginConnection();
    stitcher.push(garbage);
    const searching = stitcher.fault;
    assert.equal(searching, null, 'still looking for a chunk start');
    stitcher.endConnection(true);
    assert.match(stitcher.fault?.message ?? '', /invalid element id byte 0x00/);
  });

  test('a second connection repeating fragments drops the repeats; a broken connection drops its cut-off chunk', () => {
    const file = readFileSync(getMediaFixture('test_mixed_tags.mkv'));
    const whole = readAllChunks(file).records;
    const stitcher = new ChunkStitcher();
    stitcher.keepBytes(true);
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
    assert.deepEqual(Buffer.concat([...first, ...second].flatMap((c) => c.pieces ?? assert.fail('bytes kept'))), file);
  });
});

describe('ChunkStitcher holds bytes only for a capture, and never past the fragment limit', () => {
  const file = readFileSync(getMediaFixture('test_mixed_tags.mkv'));
  const whole = readAllChunks(file).records;

  test('without keepBytes no byte is held and no chunk carries bytes', () => {
    const stitcher = new ChunkStitcher();
    stitcher.beginConnection();
    let maxHeld = 0;
    const chunks = [];
    for (let i = 0; i < file.length; i += 4096) {
      chunks.push(...stitcher.push(file.subarray(i, i + 4096)));
      maxHeld = Math.max(maxHeld, stitcher.heldBytes);
    }
    chunks.push(...stitcher.endConnection(true));
    assert.equal(maxHeld, 0);
    assert.equal(chunks.length, whole.length);
    assert.ok(chunks.every((c) => c.pieces === null));
  });

  test('bytes kept from mid-chunk: that chunk has none (never a part), the next ones are whole, as views of the input', () => {
    const stitcher = new ChunkStitcher();
    stitcher.beginConnection();
    const middle = whole[2].byteOffset + 10;
    const before = stitcher.push(file.subarray(0, middle));
    stitcher.keepBytes(true);
    const after = [...stitcher.push(file.subarray(middle)), ...stitcher.endConnection(true)];
    assert.equal(before.length, 2);
    assert.equal(after[0].pieces, null, 'the chunk the capture began inside of is skipped');
    for (const c of after.slice(1)) {
      const bytes = Buffer.concat(c.pieces ?? assert.fail('whole chunk kept'));
      assert.deepEqual(
        bytes,
        file.subarray(
          whole[c.record.index].byteOffset,
          whole[c.record.index].byteOffset + whole[c.record.index].byteLength,
        ),
      );
      assert.ok(
        c.pieces?.every((p) => p.buffer === file.buffer),
        'views of the pushed bytes, not copies',
      );
    }
  });

  test('a chunk past the limit is reported once, its bytes let go as they arrive, its row marked oversized', () => {
    const limit = 2048;
    const big = whole.findIndex((r) => r.byteLength > limit);
    assert.ok(big >= 0, 'the fixture has a chunk larger than the test limit');
    const reports: OversizedChunk[] = [];
    const stitcher = new ChunkStitcher((c) => reports.push(c), limit);
    stitcher.keepBytes(true);
    stitcher.beginConnection();
    let maxHeld = 0;
    const chunks = [];
    for (let i = 0; i < file.length; i += 256) {
      chunks.push(...stitcher.push(file.subarray(i, i + 256)));
      maxHeld = Math.max(maxHeld, stitcher.heldBytes);
    }
    chunks.push(...stitcher.endConnection(true));
    const oversized = whole.filter((r) => r.byteLength > limit).map((r) => r.index);
    // Reported while still arriving (a chunk that crosses the limit in the push that ends it is only marked).
    const reported = reports.map((r) => r.index);
    assert.ok(reported.length >= oversized.length / 2, `most were reported while arriving: ${reported.join(',')}`);
    assert.equal(new Set(reported).size, reported.length, 'once per chunk');
    assert.ok(reported.every((i) => oversized.includes(i)));
    assert.ok(maxHeld <= limit + 256, `held at most the limit and one piece (${maxHeld})`);
    for (const c of chunks) {
      const isBig = oversized.includes(c.record.index);
      assert.equal(c.pieces === null, isBig);
      assert.equal(
        c.record.anomalies.some((a) => a.startsWith('oversized chunk')),
        isBig,
      );
    }
  });
});
