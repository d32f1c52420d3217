import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getMediaFixture } from '../support/paths';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { concat } from '../../src/core/ebml/writer';
import { errorChunk, getMediaChunk } from './build-chunks';

/** Fuzz inputs and the invariants every read must keep; shared by fuzz.test.ts and bench/fuzz.ts. */

export function fuzzInputs(): Uint8Array[] {
  return [
    readFileSync(getMediaFixture('test_mixed_tags.mkv')),
    readFileSync(getMediaFixture('empty-mkv-with-tags.mkv')),
    readFileSync(getMediaFixture('test_tags_empty_cluster.mkv')),
    readFileSync(getMediaFixture('output_get_media.mkv')).subarray(0, 48 * 1024),
    readFileSync(getMediaFixture('clusters.mkv')).subarray(0, 32 * 1024),
    concat([getMediaChunk({ unknownCluster: true, withHeader: false }), errorChunk('4000', 'X'), getMediaChunk()]),
  ];
}

/** Reads one input in random slices and checks what must hold for any input whatsoever. */
export function checkOne(input: Uint8Array, random: () => number): { records: number; faulted: boolean } {
  const reader = new ChunkReader();
  const records: ChunkRecord[] = [];
  let at = 0;
  while (at < input.length) {
    const size = 1 + Math.floor(random() * (random() < 0.5 ? 16 : 8192));
    const out = reader.push(input.subarray(at, at + size));
    if (reader.fault && out.length === 0) assert.deepEqual(reader.push(input.subarray(0, 10)), []);
    records.push(...out);
    at += size;
  }
  records.push(...reader.end());
  let highest = -1;
  for (const r of records) {
    assert.ok(r.index <= highest + 1, `index ${r.index} after ${highest}: no gaps`);
    highest = Math.max(highest, r.index);
    assert.ok(
      r.byteOffset >= 0 && r.byteLength >= 0 && r.byteOffset + r.byteLength <= input.length,
      `record ${r.index} inside the input`,
    );
    assert.ok(r.frames >= r.keyframes && Number.isSafeInteger(r.frames));
    for (const v of [r.serverTimestamp, r.producerTimestamp, r.millisBehindNow, r.clusterTimecode, r.durationMs])
      assert.ok(v === null || Number.isFinite(v));
  }
  if (reader.fault) {
    assert.ok(reader.fault.byteOffset >= 0 && reader.fault.byteOffset <= input.length);
    assert.ok(reader.fault.message.length > 0);
  }
  return { records: highest + 1, faulted: reader.fault !== null };
}
