import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getMediaFixture } from '../support/paths';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { concat } from '../../src/core/ebml/writer';
import { errorChunk, getMediaChunk } from './build-chunks';
import { hostileInput, type HostileSpec } from './hostile-inputs';
import { seededRandom } from './mutate';

/** Fuzz inputs and the invariants every read must keep; shared by fuzz.test.ts and bench/fuzz.ts. */

/** The crafted kinds of hostile-inputs.ts, small enough to mutate by the thousand. */
const SMALL_HOSTILE: readonly HostileSpec[] = [
  { kind: 'short-blocks', count: 4096 },
  { kind: 'garbage-timestamps', count: 4, size: 66 * 1024 },
  { kind: 'big-tags', count: 12, size: 20 * 1024 },
  { kind: 'huge-tag-value', count: 200 * 1024 },
  { kind: 'nested-tags', count: 64 },
  { kind: 'endless-cluster', count: 256 * 1024 },
];

/** One whole input of a kind (hostile-inputs.ts yields pieces). */
function materialize(pieces: Iterable<Uint8Array>): Uint8Array {
  return concat([...pieces].map((p) => p.slice()));
}

export function fuzzInputs(): Uint8Array[] {
  const captures = [
    readFileSync(getMediaFixture('test_mixed_tags.mkv')),
    readFileSync(getMediaFixture('empty-mkv-with-tags.mkv')),
    readFileSync(getMediaFixture('test_tags_empty_cluster.mkv')),
    readFileSync(getMediaFixture('output_get_media.mkv')).subarray(0, 48 * 1024),
    readFileSync(getMediaFixture('clusters.mkv')).subarray(0, 32 * 1024),
    concat([getMediaChunk({ unknownCluster: true, withHeader: false }), errorChunk('4000', 'X'), getMediaChunk()]),
  ];
  const appended = materialize(
    hostileInput({ kind: 'appended-cut-offs', count: captures.length }, captures, seededRandom(0x16)),
  );
  return [...captures, appended, ...SMALL_HOSTILE.map((spec) => materialize(hostileInput(spec)))];
}

/** What a record may hold at most, whatever the input (notes capped, tag text budgeted). */
const MAX_ANOMALIES = 40;
const MAX_ANOMALY_TEXT = 700;
const MAX_RECORD_JSON = 2 * 1024 * 1024;

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
    assert.ok(r.anomalies.length <= MAX_ANOMALIES, `record ${r.index}: ${r.anomalies.length} anomalies`);
    assert.ok(
      r.anomalies.every((a) => a.length <= MAX_ANOMALY_TEXT),
      `record ${r.index}: a long anomaly`,
    );
    assert.ok(JSON.stringify(r).length <= MAX_RECORD_JSON, `record ${r.index} is over ${MAX_RECORD_JSON} characters`);
    for (const v of [r.serverTimestamp, r.producerTimestamp, r.millisBehindNow, r.clusterTimecode, r.durationMs])
      assert.ok(v === null || Number.isFinite(v));
  }
  if (reader.fault) {
    assert.ok(reader.fault.byteOffset >= 0 && reader.fault.byteOffset <= input.length);
    assert.ok(reader.fault.message.length > 0);
  }
  return { records: highest + 1, faulted: reader.fault !== null };
}
