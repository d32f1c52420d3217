import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { FragmentBuilder, type FragmentDraft } from '../../kvs-local/fragment-builder';
import { MkvSplitter } from '../../kvs-local/mkv-splitter';
import { getMediaFixture, producerStream } from '../support/paths';

/** The splitter behind PutMedia and --seed takes any slicing of its input and gives the same fragments. */

function fragmentsOf(bytes: Uint8Array, slice: number): { digests: string[]; fault: string | null } {
  const splitter = new MkvSplitter();
  const builder = new FragmentBuilder();
  const drafts: FragmentDraft[] = [];
  for (let at = 0; at < bytes.length; at += slice) {
    for (const event of splitter.push(bytes.subarray(at, at + slice))) drafts.push(...builder.accept(event));
  }
  for (const event of splitter.end()) drafts.push(...builder.accept(event));
  drafts.push(...builder.finish());
  const digest = (d: FragmentDraft): string =>
    createHash('sha256').update(d.head).update(d.cluster).update(d.tail).digest('hex').slice(0, 16) +
    `/${d.facts.frames}`;
  return { digests: drafts.map(digest), fault: splitter.fault?.message ?? null };
}

describe('kvs-local MKV splitter', () => {
  for (const [name, path, clusters] of [
    ['producer stream', producerStream, 37],
    ['GetMedia capture', getMediaFixture('output_get_media.mkv'), 5],
    ['non-increasing timecodes', getMediaFixture('output-get-media-non-increasing-timecode.mkv'), 11],
  ] as const) {
    test(`${name}: 1-byte, 7-byte, 4 KiB and 64 KiB slices give identical fragments`, () => {
      const bytes = new Uint8Array(readFileSync(path));
      const whole = fragmentsOf(bytes, bytes.length);
      assert.equal(whole.digests.length, clusters);
      for (const slice of [1, 7, 4096, 65536])
        assert.deepEqual(fragmentsOf(bytes, slice), whole, `${slice}-byte slices`);
    });
  }

  test('input that is not Matroska faults with a message; a cut-off cluster never becomes a fragment', () => {
    assert.match(
      fragmentsOf(new TextEncoder().encode('GIF89a not a video'), 4).fault ?? '',
      /not Matroska|cannot start/,
    );
    const bytes = new Uint8Array(readFileSync(producerStream)).subarray(0, 150_000);
    const cut = fragmentsOf(bytes, 4096);
    assert.equal(cut.digests.length, 1);
    assert.match(cut.fault ?? '', /ends inside an element/);
  });
});
