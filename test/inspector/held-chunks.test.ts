import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ElementEvent } from '../../src/core/getmedia/element-tap';
import { HeldChunks, NOT_HELD } from '../../src/inspector/held-chunks';
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
    assert.deepEqual(await held.elements(0), { elements: [], note: NOT_HELD });
    assert.equal((await held.read(0, records[0].byteOffset, 16)).length, 0);
    assert.ok((await held.elements(4)).elements.length > 0);
  });
});
