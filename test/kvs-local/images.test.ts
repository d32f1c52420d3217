import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragmentAt } from '../../kvs-local/images';
import type { StoredFragment } from '../../kvs-local/fragment';

const fragment = (number: string, startMs: number): StoredFragment => ({
  number,
  serverTimestampMs: startMs,
  producerTimestampMs: startMs - 500,
  // 60 frames at 30 fps: first to last frame is 59/30 s; the last frame plays for one more 1/30 s.
  durationMs: 1967,
  frames: 60,
  head: new Uint8Array(),
  cluster: new Uint8Array(),
  tail: new Uint8Array(),
});

// Two fragments a frame apart, the second's start rounded one ms late, as seeding at an arbitrary Date.now() does.
const fragments = [fragment('1', 10_000), fragment('2', 12_001)];

test('a time in the last frame of a fragment finds that fragment, not NO_MEDIA', () => {
  assert.equal(fragmentAt(fragments, 'SERVER_TIMESTAMP', 12_000)?.number, '1');
  assert.equal(fragmentAt(fragments, 'SERVER_TIMESTAMP', 11_990)?.number, '1');
});

test('a time at or after the next fragment starts finds the next one', () => {
  assert.equal(fragmentAt(fragments, 'SERVER_TIMESTAMP', 12_001)?.number, '2');
  assert.equal(fragmentAt(fragments, 'SERVER_TIMESTAMP', 13_000)?.number, '2');
});

test('before the first, after the last has played, and on the other clock', () => {
  assert.equal(fragmentAt(fragments, 'SERVER_TIMESTAMP', 9_999), undefined);
  assert.equal(fragmentAt(fragments, 'SERVER_TIMESTAMP', 14_100), undefined);
  assert.equal(fragmentAt(fragments, 'PRODUCER_TIMESTAMP', 9_500)?.number, '1');
});
