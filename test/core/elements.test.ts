import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ElementEvent } from '../../src/core/getmedia/element-tap';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { Id } from '../../src/core/ebml/ids';
import { concat, element } from '../../src/core/ebml/writer';
import { fixturesDir, repoRoot } from '../support/paths';
import { getMediaChunk } from './build-chunks';
import { SLICE_SIZES, readSliced } from './slicing';

const PYTHON = '/usr/bin/python3';
const captures = ['getmedia', 'producer-sdk'].flatMap((dir) =>
  readdirSync(join(fixturesDir, dir))
    .filter((f) => f.endsWith('.mkv'))
    .map((f) => join(fixturesDir, dir, f)),
);

function readElements(bytes: Uint8Array, size: number): { elements: ElementEvent[]; records: ChunkRecord[] } {
  const elements: ElementEvent[] = [];
  const reader = new ChunkReader({ onElement: (e) => elements.push(e) });
  const records: ChunkRecord[] = [];
  const step = Number.isFinite(size) ? size : bytes.length || 1;
  for (let at = 0; at < bytes.length; at += step) records.push(...reader.push(bytes.subarray(at, at + step)));
  records.push(...reader.end());
  return { elements, records };
}

/** The independent Python walker's elements (derive.py --elements), without the names it does not know. */
function derived(file: string): Array<Omit<ElementEvent, 'name'>> {
  const r = spawnSync(PYTHON, [join(repoRoot, 'test/core/expected/derive.py'), '--elements', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Omit<ElementEvent, 'name'>);
}

describe('element events from the chunk reader (the --elements hook)', { skip: !existsSync(PYTHON) }, () => {
  for (const file of captures)
    test(`${basename(file)}: every element's chunk, depth, id, offset and sizes as the Python walker finds them`, () => {
      const bytes = readFileSync(file);
      const whole = readElements(bytes, Infinity);
      assert.deepEqual(
        whole.elements.map(({ name: _, ...rest }) => rest),
        derived(file),
      );
      // The hook changes nothing about the records.
      assert.deepEqual(whole.records, readSliced(bytes, Infinity).records);
      for (const size of SLICE_SIZES.filter((s) => s !== Infinity))
        assert.deepEqual(readElements(bytes, size).elements, whole.elements, `${size}-byte slices`);
    });

  test('names: known ids by name (CRC-32 and Void included), unknown ids as null', () => {
    const { elements } = readElements(readFileSync(join(fixturesDir, 'getmedia', 'output_get_media.mkv')), Infinity);
    const first = elements.slice(0, 3);
    assert.deepEqual(first, [
      { chunk: 0, depth: 0, id: '0x1A45DFA3', name: 'EBML', offset: 0, headerSize: 12, size: 35 },
      { chunk: 0, depth: 1, id: '0x4286', name: 'EBMLVersion', offset: 12, headerSize: 3, size: 1 },
      { chunk: 0, depth: 1, id: '0x42F7', name: 'EBMLReadVersion', offset: 16, headerSize: 3, size: 1 },
    ]);
    assert.ok(elements.some((e) => e.name === 'SimpleBlock' && e.depth === 2));
    assert.ok(elements.some((e) => e.name === 'Segment' && e.size === null));
    const chunk = getMediaChunk();
    const tags = element(
      Id.Tags,
      element(Id.CRC32, new Uint8Array(4)),
      element(Id.Tag, element(Id.Void, new Uint8Array(3)), element(0x4321, Uint8Array.of(1))),
    );
    const tail = readElements(concat([chunk, tags]), 1).elements.slice(-4);
    assert.deepEqual(
      tail.map((e) => [e.name, e.id, e.depth, e.offset - chunk.length]),
      [
        ['CRC32', '0xBF', 2, 5],
        ['Tag', '0x7373', 2, 11],
        ['Void', '0xEC', 3, 14],
        [null, '0x4321', 3, 19],
      ],
    );
  });
});
