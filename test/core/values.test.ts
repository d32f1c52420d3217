import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIntegerText, parseSecondsToMs } from '../../src/core/getmedia/timestamp';
import { KNOWN_ERROR_IDS, describeError } from '../../src/core/getmedia/error-catalogue';
import { SIZE_TOO_LARGE, SIZE_UNKNOWN, readSize, vintWidth } from '../../src/core/ebml/vint';
import { readUint } from '../../src/core/ebml/values';
import { encodeSize } from '../../src/core/ebml/writer';

describe('timestamps: "seconds.mmm" to integer ms, exactly', () => {
  test('the real texts, without float rounding', () => {
    assert.equal(parseSecondsToMs('1511852109.126'), 1511852109126);
    assert.equal(parseSecondsToMs('1646229468.509'), 1646229468509);
    // Through a float, 1.005 s is 1004.9999999999999 ms: the parser must not go that way.
    assert.equal(Math.floor(Number('1.005') * 1000), 1004);
    assert.equal(parseSecondsToMs('1.005'), 1005);
  });
  test('fewer or more decimals', () => {
    assert.equal(parseSecondsToMs('0.000'), 0);
    assert.equal(parseSecondsToMs('12'), 12000);
    assert.equal(parseSecondsToMs('12.'), 12000);
    assert.equal(parseSecondsToMs('12.5'), 12500);
    assert.equal(parseSecondsToMs('12.05'), 12050);
    assert.equal(parseSecondsToMs('12.1239'), 12123);
    assert.equal(parseSecondsToMs(' 12.100 '), 12100);
  });
  test('garbage is null, never NaN', () => {
    for (const bad of ['', '.5', 'abc', '1e9', '-1.000', '1.2.3', '0x10', 'NaN', '12 .5', '99999999999999999.000']) {
      assert.equal(parseSecondsToMs(bad), null, JSON.stringify(bad));
    }
  });
  test('integers (MILLIS_BEHIND_NOW, ERROR_ID)', () => {
    assert.equal(parseIntegerText('86400575'), 86400575);
    assert.equal(parseIntegerText('4000'), 4000);
    assert.equal(parseIntegerText('4.5'), null);
    assert.equal(parseIntegerText(''), null);
  });
});

describe('error catalogue', () => {
  test('every documented id, each with a meaning and what to do', () => {
    assert.deepEqual(KNOWN_ERROR_IDS, [3000, 3002, 4000, 4500, 4501, 4502, 4503, 4504, 4505, 4506, 5000]);
    for (const id of KNOWN_ERROR_IDS) {
      const e = describeError(id);
      assert.equal(e.known, true);
      assert.ok(e.code.length > 0 && e.meaning.length > 10 && e.whatToDo.length > 10, String(id));
    }
    assert.equal(describeError(3000).code, 'FRAGMENT_NOT_FOUND');
    assert.equal(describeError(5000).retryable, true);
    assert.equal(describeError(4506).retryable, false);
  });
  test('an unknown id is described, not dropped', () => {
    const e = describeError(7777);
    assert.equal(e.known, false);
    assert.equal(e.code, 'UNKNOWN_7777');
    assert.match(e.meaning, /7777/);
  });
});

describe('EBML vints and integers', () => {
  test('widths from the first byte', () => {
    assert.deepEqual(
      [0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01, 0x00, 0xff].map(vintWidth),
      [1, 2, 3, 4, 5, 6, 7, 8, 0, 1],
    );
  });
  test('sizes of 1 to 8 bytes, unknown markers, sizes beyond 2^53', () => {
    for (const width of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const bytes = encodeSize(100, width);
      assert.equal(readSize(bytes, 0, width), 100);
    }
    assert.equal(readSize(Uint8Array.of(0xff), 0, 1), SIZE_UNKNOWN);
    assert.equal(readSize(Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0, 8), SIZE_UNKNOWN);
    assert.equal(readSize(Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe), 0, 8), SIZE_TOO_LARGE);
    assert.equal(readSize(encodeSize(2 ** 53 - 1, 8), 0, 8), 2 ** 53 - 1);
  });
  test('8-byte unsigned integers: exact up to 2^53 - 1, null beyond', () => {
    assert.equal(readUint(Uint8Array.of(0, 0, 0x01, 0x7f, 0x4a, 0xec, 0x34, 0xbe)), 1646229468350);
    assert.equal(readUint(Uint8Array.of(0x00, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)), 2 ** 53 - 1);
    assert.equal(readUint(Uint8Array.of(0x00, 0x20, 0, 0, 0, 0, 0, 0)), null);
  });
});
