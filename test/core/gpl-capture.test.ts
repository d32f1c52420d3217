import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gplCapture, hasGplCapture } from '../support/paths';
import { SLICE_SIZES, readSliced } from './slicing';

// The C producer's 1080p GetMedia capture is GPL data: read from ../shared, never committed; skipped where absent.
describe('the C producer 1080p capture (../shared, GPL data, not committed)', () => {
  test(
    '18 chunks, 131 blocks, 17 keyframes, starts at a Segment, 8-byte absolute timecodes, last chunk cut off',
    { skip: !hasGplCapture },
    () => {
      const bytes = readFileSync(gplCapture);
      const { records, emitted, fault } = readSliced(bytes, Infinity);
      assert.equal(fault, null);
      assert.equal(records.length, 18);
      assert.equal(
        records.reduce((n, r) => n + r.frames, 0),
        131,
      );
      assert.equal(
        records.reduce((n, r) => n + r.keyframes, 0),
        17,
      );
      assert.equal(records[0].byteOffset, 0);
      assert.equal(records[0].ranges.ebmlHeader, undefined);
      assert.equal(records[0].clusterTimecode, 1646229468350);
      assert.equal(records[0].producerTimestamp, 1646229468350);
      assert.equal(records[0].serverTimestamp, 1646229468509);
      assert.ok(
        records
          .slice(0, 17)
          .every((r) => r.millisBehindNow !== null && r.millisBehindNow > 86_300_000 && r.millisBehindNow < 86_500_000),
      );
      assert.ok(records.slice(0, 17).every((r) => r.continuationToken === r.fragmentNumber && !r.truncated));
      const last = records[17];
      assert.equal(last.truncated, true);
      // Its README says 237 bytes; the bytes say the last EBML header starts 240 bytes before the end.
      assert.equal(last.byteOffset, 4478921);
      assert.equal(last.byteLength, bytes.length - 4478921);
      assert.equal(last.fragmentNumber, null);
      for (const size of SLICE_SIZES) assert.deepEqual(readSliced(bytes, size).emitted, emitted, `slice size ${size}`);
    },
  );
});
