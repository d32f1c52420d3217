import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { HOSTILE_TABLE, hostileInput, type HostileSpec } from './hostile-inputs';

/** Streams one crafted input through a reader in its generated pieces; returns the records and the heap growth. */
function readStreamed(spec: HostileSpec): { records: ChunkRecord[]; faulted: boolean; heapGrowthMiB: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const reader = new ChunkReader();
  const records: ChunkRecord[] = [];
  let pieces = 0;
  for (const piece of hostileInput(spec)) {
    records.push(...reader.push(piece));
    if (++pieces % 64 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  records.push(...reader.end());
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  return { records, faulted: reader.fault !== null, heapGrowthMiB: (heapPeak - heapBefore) / 1048576 };
}

// The inputs at full size (the 1 GiB and 512 MiB ones scaled to 64 MiB: same shape, the reader skips alike).
const CASES = HOSTILE_TABLE.map((spec) =>
  spec.kind === 'huge-tag-value' || spec.kind === 'endless-cluster' ? { ...spec, count: 64 * 1024 * 1024 } : spec,
);

describe('crafted inputs: no throw, every record bounded, memory bounded', () => {
  for (const spec of CASES) {
    test(spec.label, () => {
      const { records, heapGrowthMiB } = readStreamed(spec);
      assert.ok(records.length >= 1, 'the chunk is reported');
      for (const r of records) {
        assert.ok(r.anomalies.length <= 40, `${r.anomalies.length} anomalies`);
        assert.ok(
          r.anomalies.every((a) => a.length <= 700),
          'every anomaly short',
        );
        assert.ok(JSON.stringify(r).length <= 2 * 1024 * 1024, 'the record stays under 2 MiB of JSON');
      }
      assert.ok(heapGrowthMiB < 64, `heap grew ${heapGrowthMiB.toFixed(0)} MiB`);
    });
  }

  test('4 M malformed blocks: the first notes listed, the rest counted', () => {
    const { records } = readStreamed({ kind: 'short-blocks', count: 4 * 1024 * 1024 });
    const notes = records[0].anomalies;
    assert.equal(notes.filter((a) => a.startsWith('malformed block:')).length, 32);
    assert.ok(notes.includes(`more anomalies: ${4 * 1024 * 1024 - 32} more in this chunk, not listed`));
  });

  test('tag values past the budget come as a preview and their length; short AWS values stay whole', () => {
    const { records } = readStreamed({ kind: 'big-tags', count: 16, size: 20 * 1024 });
    const tags = records[0].tags;
    assert.equal(tags[0].name, 'AWS_KINESISVIDEO_FRAGMENT_NUMBER');
    assert.equal(tags[0].value, '91343852333181432392682062607743920146159169392');
    const big = tags.filter((t) => t.name === 'BIG');
    assert.equal(big.length, 16);
    assert.deepEqual(
      big.slice(0, 3).map((t) => t.value.length),
      [20480, 20480, 20480],
      'three values fit the 64 KiB budget',
    );
    for (const t of big.slice(3)) assert.equal(t.value, `${'x'.repeat(64)}… (${20 * 1024} bytes)`);
    assert.ok(records[0].anomalies.some((a) => a.startsWith('tag values over budget:')));
  });

  test('a garbage SERVER_TIMESTAMP is quoted in at most 200 characters', () => {
    const { records } = readStreamed({ kind: 'garbage-timestamps', count: 2, size: 60 * 1024 });
    const note = records[0].anomalies.find((a) => a.startsWith('unreadable timestamp:')) ?? '';
    assert.ok(note.length < 320, note.slice(0, 80));
    assert.match(note, /… \(\d+ characters\), not seconds\.mmm$/);
  });
});
