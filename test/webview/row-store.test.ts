import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { RowStore, rowBytes } from '../../webview/row-store';
import { getMediaFixture } from '../support/paths';

const [real] = readAllChunks(new Uint8Array(readFileSync(getMediaFixture('output_get_media.mkv')))).records;
const withTagText = (index: number, chars: number): ChunkRecord => ({
  ...real,
  index,
  tags: [...real.tags, { name: 'producer-notes', value: 'x'.repeat(chars) } as ChunkRecord['tags'][number]],
});

describe('the webview row store: capped by count and by size', () => {
  test('ordinary rows stay under the count cap, well inside the size budget', () => {
    const store = new RowStore(1000);
    store.addRecords(Array.from({ length: 1500 }, (_, i) => ({ ...real, index: i })));
    assert.equal(store.total, 1000);
    assert.equal(store.dropped, 500);
    assert.equal(store.droppedForSize, false);
    assert.ok(store.heldBytes < 5 * 2 ** 20, `${store.heldBytes} bytes for 1,000 ordinary rows`);
  });

  test('rows carrying 64 KiB of tag text are dropped, oldest first, to stay within the budget', () => {
    const budget = 8 * 2 ** 20;
    const store = new RowStore(50_000, budget);
    for (let i = 0; i < 400; i += 10)
      store.addRecords(Array.from({ length: 10 }, (_, k) => withTagText(i + k, 64 * 1024)));
    assert.ok(store.heldBytes <= budget, `${store.heldBytes} bytes held`);
    assert.ok(store.total < 400 && store.total > 50, `${store.total} rows kept`);
    assert.equal(store.dropped, 400 - store.total);
    assert.equal(store.droppedForSize, true);
    const first = store.visible[0];
    assert.equal(first.kind === 'chunk' && first.record.index, 400 - store.total, 'the newest rows are the ones kept');
  });

  test('one row larger than the whole budget is still shown; the next one replaces it', () => {
    const store = new RowStore(50_000, 64 * 1024);
    store.addRecords([withTagText(0, 100_000)]);
    assert.equal(store.total, 1);
    store.addRecords([withTagText(1, 100_000)]);
    assert.equal(store.total, 1);
    const [row] = store.visible;
    assert.equal(row.kind === 'chunk' && row.record.index, 1);
  });

  test('the estimate follows the text: a 64 KiB tag value weighs at least 128 KiB', () => {
    assert.ok(rowBytes({ kind: 'chunk', record: withTagText(0, 64 * 1024) }) >= 128 * 1024);
  });

  test('Clear empties the size count too', () => {
    const store = new RowStore(10, 64 * 1024);
    store.addRecords([withTagText(0, 100_000), withTagText(1, 100_000)]);
    store.clear();
    assert.equal(store.heldBytes, 0);
    assert.equal(store.droppedForSize, false);
  });
});
