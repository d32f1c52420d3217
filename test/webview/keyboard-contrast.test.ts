/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { applyTheme, contrastFailures } from './high-contrast';
import { openInspector, type WebviewPage } from './webview-page';

// The inspector with the keyboard alone (no click anywhere in this file) and under VS Code's High Contrast
// themes: a grid screen readers can count, Enter into the details, Escape back, and text that reads at 4.5:1.

const activeText = (p: WebviewPage): Promise<string> =>
  p.page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
const activeIs = (p: WebviewPage, selector: string): Promise<boolean> =>
  p.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
const selectedIndex = (p: WebviewPage): Promise<string | null> =>
  p.page.evaluate(() => {
    const grid = document.querySelector('.scroller')!;
    const id = grid.getAttribute('aria-activedescendant');
    const row = id ? document.getElementById(id) : null;
    return row?.getAttribute('aria-selected') === 'true' ? (row.dataset.index ?? null) : null;
  });

/** The selection after a key (a jump re-renders the virtualized rows on the next frame): index `at`, or past `after`. */
async function selectionBecomes(p: WebviewPage, want: { at: number } | { after: number }): Promise<string | null> {
  await p.page
    .waitForFunction(
      (w) => {
        const grid = document.querySelector('.scroller')!;
        const id = grid.getAttribute('aria-activedescendant');
        const row = id ? document.getElementById(id) : null;
        if (row?.getAttribute('aria-selected') !== 'true' || row.dataset.index === undefined) return false;
        const index = Number(row.dataset.index);
        return 'at' in w ? index === w.at : index > w.after;
      },
      want,
      { timeout: 5000 },
    )
    .catch(() => undefined);
  return selectedIndex(p);
}

async function tabTo(p: WebviewPage, text: string, max = 20): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.page.keyboard.press('Tab');
    if ((await activeText(p)) === text) return;
  }
  throw new Error(`Tab never reached "${text}" (at "${await activeText(p)}")`);
}

describe('inspector webview: keyboard, screen readers, High Contrast', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  before(async () => {
    records = readAllChunks(readFileSync(getMediaFixture('test_mixed_tags.mkv'))).records;
    p = await openInspector({
      kind: 'stream',
      streamName: 'demo-error',
      profile: '(demo)',
      region: 'us-east-1',
      selector: 'NOW',
    });
    const error: ChunkRecord = {
      ...records[0],
      index: records.length,
      fragmentNumber: null,
      continuationToken: null,
      errorId: 4500,
      errorCode: 'KMS_KEY_ACCESS_DENIED',
      errorMeaning: 'Access to the stream KMS key is denied.',
      anomalies: ['no fragment number'],
      tags: [],
    };
    await p.send({ type: 'records', records: records.slice(0, 4), sentAt: Date.now() });
    await p.send({
      type: 'notice',
      notice: { kind: 'reconnect', at: Date.now(), text: 'the connection dropped; resuming', beforeIndex: 4 },
    });
    await p.send({ type: 'records', records: [...records.slice(4), error], sentAt: Date.now() });
    await p.send({
      type: 'banner',
      banner: {
        level: 'error',
        title: 'In-band error 4500 KMS_KEY_ACCESS_DENIED',
        meaning: 'Access to the stream KMS key is denied.',
        whatToDo: 'Grant kms:Decrypt on the stream key.',
      },
    });
    await p.page.locator('.scroller .row.error').waitFor();
  });
  after(async () => {
    await p.browser.close();
  });

  test('a grid: column headers, a row count covering the virtualized rows, each row its index', async () => {
    const grid = p.page.locator('[role=grid]');
    assert.equal(await grid.count(), 1);
    assert.equal(await grid.getAttribute('aria-rowcount'), String(records.length + 1 + 1 + 1));
    assert.equal(await p.page.locator('[role=columnheader]').count(), 13); // ten, plus the hideable Skew, FPS and Bitrate
    assert.match((await grid.getAttribute('aria-owns')) ?? '', /chunk-columns chunk-rows/);
    const indexes = await p.page
      .locator('.scroller [role=row]:visible')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('aria-rowindex'))));
    assert.deepEqual(
      indexes,
      indexes.map((_, i) => i + 2),
    );
    assert.match((await grid.getAttribute('aria-label')) ?? '', /Enter opens the details/);
  });

  test('arrows, Home/End, Page Up/Down move the selection; Enter opens the details; Copy token by keyboard; Escape returns', async () => {
    await p.page.locator('.scroller').focus(); // where Tab lands in the webview; no pointer involved
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await selectionBecomes(p, { at: 0 }), '0');
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await selectionBecomes(p, { at: 1 }), '1');
    await p.page.keyboard.press('End');
    assert.equal(
      await selectionBecomes(p, { at: records.length }),
      String(records.length),
      'End selects the last chunk (the error)',
    );
    await p.page.keyboard.press('Home');
    assert.equal(await selectionBecomes(p, { at: 0 }), '0');
    await p.page.keyboard.press('PageDown');
    assert.ok(Number(await selectionBecomes(p, { after: 1 })) > 1, 'Page Down moves by a page');
    await p.page.keyboard.press('PageUp');
    assert.equal(await selectionBecomes(p, { at: 0 }), '0');
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await selectionBecomes(p, { at: 4 }), '4', 'the reconnect notice between chunks 3 and 4 is skipped');
    await p.page.keyboard.press('Enter');
    assert.ok(await activeIs(p, '.details'), 'Enter moves focus into the details');
    await tabTo(p, 'Copy token');
    await p.page.keyboard.press('Enter');
    await p.page.waitForFunction(() =>
      (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'copy'),
    );
    const copy = (await p.posted()).find((m) => m.type === 'copy');
    assert.deepEqual(copy, {
      type: 'copy',
      text: records[4].continuationToken,
      label: 'continuation token',
      what: 'continuation-token',
    });
    await p.page.keyboard.press('Escape');
    assert.ok(await activeIs(p, '.scroller'), 'Escape returns to the table');
    assert.equal(await selectionBecomes(p, { at: 4 }), '4', 'with the same row selected');
  });

  test('the error banner links to the logs, by keyboard too', async () => {
    await p.page.locator('.scroller').focus();
    await p.page.keyboard.press('Shift+Tab');
    for (let i = 0; i < 20 && !(await activeIs(p, '.banner-logs')); i++) await p.page.keyboard.press('Shift+Tab');
    assert.ok(await activeIs(p, '.banner-logs'), 'Shift+Tab reaches "Show logs"');
    await p.page.keyboard.press('Enter');
    await p.page.waitForFunction(() =>
      (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'showLogs'),
    );
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`High Contrast ${theme}: every text, error row, flag and banner reads at 4.5:1 or more; the selection shows`, async () => {
      await applyTheme(p.page, theme);
      // Every state pill in turn: each has its own colors.
      for (const state of ['connecting', 'streaming', 'idle', 'reconnecting', 'stopped', 'failed'] as const) {
        await p.send({
          type: 'stats',
          stats: {
            state,
            idleSeconds: 3,
            bytes: 123456,
            bytesPerSecond: 2_500_000,
            chunksPerSecond: 4,
            chunks: records.length + 1,
            millisBehindNow: 1234,
            reconnects: 1,
            detail: state === 'failed' ? 'AccessDeniedException' : null,
            canResume: true,
          },
        });
        await p.page.locator(`.state-${state}`).waitFor();
        assert.deepEqual(await contrastFailures(p.page, 4.5), [], `with the ${state} pill`);
      }
      await p.shot(`hc-${theme}`);
      const selected = p.page.locator('.scroller .row.selected');
      const outline = await selected.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'High Contrast has no selection background: the selected row is outlined');
    });
  }
});
