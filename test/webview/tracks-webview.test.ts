/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { openInspector, type WebviewPage } from './webview-page';

describe('per-track figures in the webview: video keyframes, tracks, derived columns (headless Chromium)', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  before(async () => {
    // H.264 video and AAC audio: every AAC frame is key.
    records = readAllChunks(readFileSync(getMediaFixture('vogels_330.mkv'))).records;
    p = await openInspector({ kind: 'file', fileName: 'vogels_330.mkv', sizeBytes: 1 });
    await p.send({ type: 'records', records, sentAt: Date.now() });
    await p.page.locator('.scroller .row[data-index="0"]').waitFor();
  });
  after(async () => {
    await p.browser.close();
  });

  test('Keys counts video keyframes only; Frames counts every track', async () => {
    const r = records[0];
    const video = r.trackStats.find((t) => t.number === r.tracks.find((x) => x.type === 1)!.number)!;
    assert.ok(r.keyframes > 50, 'the reader counts every AAC frame as key');
    assert.equal(video.keyframes, 1);
    assert.equal(await p.page.locator('.row[data-index="0"] .c-keys').textContent(), '1');
    assert.equal(await p.page.locator('.row[data-index="0"] .c-frames').textContent(), String(r.frames));
  });

  test('the details list each track’s frames, keys and bytes, and the derived figures', async () => {
    await p.page.locator('.row[data-index="0"]').click();
    const stats = await p.page.locator('.details .track-stats').allTextContents();
    assert.equal(stats.length, 2);
    for (const t of records[0].trackStats)
      assert.ok(
        stats.some((s) => s.startsWith(`${t.frames} frames, ${t.keyframes} key`)),
        JSON.stringify(stats),
      );
    const details = (await p.page.locator('.details').textContent()) ?? '';
    assert.match(details, /Video keyframes1 of \d+ video frames/);
    assert.match(details, /FPS \(video\)\d+\.\d\d/);
    await p.shot('13-tracks');
  });

  test('the FPS column hides and comes back; the choice is kept', async () => {
    const fps = p.page.locator('.row[data-index="0"] .c-fps');
    assert.match((await fps.textContent()) ?? '', /^\d+\.\d\d$/);
    assert.ok(await fps.isVisible());
    await p.page.locator('vscode-checkbox.toggle-fps').click();
    await fps.waitFor({ state: 'hidden' });
    const state = await p.page.evaluate(() => (window as unknown as { __state: { hiddenColumns: string[] } }).__state);
    assert.deepEqual(state.hiddenColumns, ['fps']);
    // The bitrate cell moves into the freed grid track: still on screen, right after the skew cell.
    const skew = (await p.page.locator('.row[data-index="0"] .c-skewms').boundingBox())!;
    const bitrate = (await p.page.locator('.row[data-index="0"] .c-bitrate').boundingBox())!;
    assert.ok(Math.abs(bitrate.x - (skew.x + skew.width)) < 2);
    await p.page.locator('vscode-checkbox.toggle-fps').click();
    await fps.waitFor({ state: 'visible' });
  });
});
