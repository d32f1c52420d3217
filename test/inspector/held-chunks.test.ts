import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ElementEvent } from '../../src/core/getmedia/element-tap';
import { FRAGMENT_LIST_NOT_HELD, HeldChunks, NOT_HELD } from '../../src/inspector/held-chunks';
import { getMediaFixture } from '../support/paths';

describe('a live inspector’s held chunks (bounded window) for the element tree and bytes', () => {
  const bytes = readFileSync(getMediaFixture('output_get_media.mkv'));
  const events: ElementEvent[] = [];
  const reader = new ChunkReader({ onElement: (e) => events.push(e) });
  const records = [...reader.push(bytes), ...reader.end()];
  const chunkBytes = (i: number) =>
    bytes.subarray(records[i].byteOffset, records[i].byteOffset + records[i].byteLength);

  test('a held chunk’s elements sit at the offsets the whole stream gives them, with values', async () => {
    const held = new HeldChunks();
    records.forEach((r, i) => held.add(r, chunkBytes(i)));
    const { elements, note } = await held.elements(2);
    assert.equal(note, null);
    assert.deepEqual(
      elements.map(({ value: _, ...e }) => e),
      events.filter((e) => e.chunk === 2),
    );
    assert.equal(elements.find((e) => e.name === 'DocType')?.value, '"matroska"');
    const at = records[2].byteOffset + 100;
    assert.deepEqual([...(await held.read(2, at, 8))], [...bytes.subarray(at, at + 8)]);
  });

  test('past the limit the oldest chunks go, and say so', async () => {
    const limit = chunkBytes(3).length + chunkBytes(4).length;
    const held = new HeldChunks(limit);
    records.forEach((r, i) => held.add(r, chunkBytes(i)));
    assert.ok(held.heldBytes <= limit);
    assert.deepEqual(await held.elements(0), { elements: [], note: NOT_HELD, notHeld: true });
    assert.equal((await held.read(0, records[0].byteOffset, 16)).length, 0);
    assert.ok((await held.elements(4)).elements.length > 0);
  });

  test('bytes fetched again: the tree from offset 0, their range, a note saying what they are', async () => {
    const held = new HeldChunks();
    assert.deepEqual(await held.elements(3), { elements: [], note: NOT_HELD, notHeld: true });
    assert.match(NOT_HELD, /^Bytes no longer held: /);
    const listed = new HeldChunks(undefined, FRAGMENT_LIST_NOT_HELD);
    assert.deepEqual(await listed.elements(3), { elements: [], note: FRAGMENT_LIST_NOT_HELD, notHeld: true });
    const fetched = chunkBytes(3);
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    held.addFetched(3, fetched, at);
    const { elements, note, range, notHeld } = await held.elements(3);
    assert.equal(notHeld, undefined);
    assert.deepEqual(range, { offset: 0, length: fetched.length });
    assert.equal(elements[0].name, 'EBML');
    assert.equal(elements[0].offset, 0, 'offsets count from the first fetched byte');
    const session = events.filter((e) => e.chunk === 3);
    assert.deepEqual(
      elements.map((e) => [e.name, e.offset]),
      session.map((e) => [e.name, e.offset - records[3].byteOffset]),
    );
    assert.match(note ?? '', /^Fetched again with GetMediaForFragmentList at 03:04:05 UTC: [\d,]+ bytes\./);
    assert.match(note ?? '', new RegExp(`: ${fetched.length.toLocaleString('en-US')} bytes`));
    assert.match(note ?? '', /no MILLIS_BEHIND_NOW or CONTINUATION_TOKEN tags/);
    assert.match(note ?? '', /offsets here count from the first fetched byte \(0\)/);
    assert.deepEqual([...(await held.read(3, 0, 4))], [0x1a, 0x45, 0xdf, 0xa3]);
    assert.deepEqual([...(await held.read(3, 100, 8))], [...fetched.subarray(100, 108)]);
  });

  test('fetched bytes count against the same budget: they push the oldest out, and are pushed out in turn', async () => {
    const limit = chunkBytes(0).length + chunkBytes(1).length;
    const held = new HeldChunks(limit);
    held.add(records[0], chunkBytes(0));
    held.add(records[1], chunkBytes(1));
    held.addFetched(9, chunkBytes(2), 0);
    assert.ok(held.heldBytes <= limit, `${held.heldBytes} held`);
    assert.equal((await held.elements(0)).notHeld, true, 'the oldest went');
    assert.ok((await held.elements(9)).elements.length > 0);
    held.addFetched(9, chunkBytes(2), 1);
    assert.equal(held.heldBytes, chunkBytes(1).length + chunkBytes(2).length, 'fetching again replaces, not adds');
    held.add(records[3], chunkBytes(3));
    held.add(records[4], chunkBytes(4));
    assert.equal((await held.elements(9)).notHeld, true, 'then the fetched ones go like any other');
  });
});
