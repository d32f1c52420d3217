/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { openInspector, type WebviewPage } from './webview-page';

describe('the plot on a server-time axis, and a file read as a file (headless Chromium, real CSP)', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
  before(async () => {
    const real = readAllChunks(readFileSync(getMediaFixture('output_get_media.mkv'))).records[0];
    // Ten 2-second fragments, then a 60-second gap, then ten more.
    records = Array.from({ length: 20 }, (_, i) => ({
      ...real,
      index: i,
      fragmentNumber: `9134385233318143239268206260774392014626486${String(8000 + i)}`,
      serverTimestamp: T0 + i * 2000 + (i >= 10 ? 60_000 : 0),
      durationMs: 2000,
      millisBehindNow: 200 + i,
    }));
    p = await openInspector({ kind: 'file', fileName: 'capture.mkv', sizeBytes: 123_456 });
    await p.send({ type: 'records', records, sentAt: Date.now() });
    await p.send({
      type: 'stats',
      stats: {
        state: 'done',
        idleSeconds: 0,
        bytes: 123_456,
        bytesPerSecond: 50_000_000,
        chunksPerSecond: 400,
        chunks: 20,
        millisBehindNow: 274,
        reconnects: 0,
        detail: 'read 20 chunks',
        canResume: false,
      },
    });
    await p.page.locator('.scroller .row[data-index="19"]').waitFor();
  });
  after(async () => {
    await p.browser.close();
  });

  test('a capture’s header: MILLIS_BEHIND_NOW at capture, read rates, nothing "behind now"', async () => {
    const numbers = (await p.page.locator('.numbers').textContent()) ?? '';
    assert.match(numbers, /MILLIS_BEHIND_NOW at capture: 274 ms/);
    assert.match(numbers, /read 50\.00 MB\/s · read 400\.0 chunks\/s/);
    assert.doesNotMatch(numbers, /behind now/);
  });

  test('hover names the fragment under the pointer, by time; the gap holds no fragment; a click selects its row', async () => {
    const canvas = p.page.locator('.plot canvas');
    const box = (await canvas.boundingBox())!;
    // The axis spans 38 s of fragments plus the 60 s gap plus the last fragment: 100 s over the inner width.
    const xOf = (ms: number): number => 4 + (ms / 100_000) * (box.width - 8);
    await p.page.waitForFunction(() =>
      /20 fragments by server time/.test(document.querySelector('.plot-legend')?.textContent ?? ''),
    );
    await canvas.hover({ position: { x: xOf(13 * 2000 + 60_000 + 1000), y: box.height / 2 } });
    await p.page.waitForFunction(() => /^#13 fragment/.test(document.querySelector('.plot-legend')?.textContent ?? ''));
    assert.match(
      (await p.page.locator('.plot-legend').textContent()) ?? '',
      /…\d*8013 · 2026-11-27 03:01:26\.000Z · 213 ms behind/,
    );
    await canvas.hover({ position: { x: xOf(50_000), y: box.height / 2 } });
    await p.page.waitForFunction(() =>
      /fragments by server time/.test(document.querySelector('.plot-legend')?.textContent ?? ''),
    );
    await canvas.click({ position: { x: xOf(5 * 2000 + 1000), y: box.height / 2 } });
    await p.page.locator('.row.selected[data-index="5"]').waitFor();
    assert.match((await p.page.locator('.details h3').textContent()) ?? '', /^Chunk 5/);
    await p.shot('12-plot-time-axis');
  });

  test('the plot’s height drags and is kept in the webview state', async () => {
    const before = (await p.page.locator('.plot').boundingBox())!;
    const handle = (await p.page.locator('.plot-resizer').boundingBox())!;
    await p.page.mouse.move(handle.x + 50, handle.y + handle.height / 2);
    await p.page.mouse.down();
    await p.page.mouse.move(handle.x + 50, handle.y + 120, { steps: 4 });
    await p.page.mouse.up();
    const after = (await p.page.locator('.plot').boundingBox())!;
    assert.ok(Math.abs(after.height - (before.height + 120)) <= 2, `${before.height} -> ${after.height}`);
    const state = await p.page.evaluate(() => (window as unknown as { __state: { plotHeight?: number } }).__state);
    assert.ok(Math.abs((state.plotHeight ?? 0) - after.height) <= 1);
  });
});
