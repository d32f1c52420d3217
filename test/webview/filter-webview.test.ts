/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { openInspector, type WebviewPage } from './webview-page';

const shownIndexes = (p: WebviewPage): Promise<string[]> =>
  p.page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.scroller .row[data-index]'))
      .filter((r) => !r.hidden && r.getBoundingClientRect().height > 0)
      .map((r) => r.dataset.index!),
  );

describe('filter expressions and colouring rules in the webview (headless Chromium, real CSP)', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  before(async () => {
    const real = readAllChunks(readFileSync(getMediaFixture('output_get_media.mkv'))).records;
    records = Array.from({ length: 12 }, (_, i) => ({ ...real[i % real.length], index: i, millisBehindNow: 100 + i }));
    records[4] = {
      ...records[4],
      keyframes: 0,
      trackStats: records[4].trackStats.map((t) => ({ ...t, keyframes: 0 })),
    };
    records[7] = { ...records[7], millisBehindNow: 9000 };
    p = await openInspector(
      { kind: 'file', fileName: 'output_get_media.mkv', sizeBytes: 1 },
      {
        recentFilters: ['behind > 5000', 'error in {4000, 4500}'],
        colorRules: [
          { filter: 'keyframes == 0', color: 'orange' },
          { filter: 'behind > 5000', color: 'yellow' },
          { filter: 'keyfram == 0', color: 'red' },
        ],
      },
    );
    await p.send({ type: 'records', records, sentAt: Date.now() });
    await p.page.locator('.scroller .row[data-index="11"]').waitFor();
  });
  after(async () => {
    await p.browser.close();
  });

  test('rows the rules match are coloured; a rule that does not parse is reported', async () => {
    assert.equal(await p.page.locator('.row.rule-orange').getAttribute('data-index'), '4');
    assert.equal(await p.page.locator('.row.rule-yellow').getAttribute('data-index'), '7');
    assert.equal(await p.page.locator('.row.rule-red').count(), 0);
    assert.match((await p.page.locator('.toast').textContent()) ?? '', /colour rule "keyfram == 0": unknown field/);
    await p.shot('10-colour-rules');
  });

  test('a coloured row, once selected, shows the selection colour, also under the pointer', async () => {
    const coloured = p.page.locator('.scroller .row.rule-orange');
    const plain = p.page.locator('.scroller .row[data-index="3"]');
    const background = (row: typeof plain) => row.evaluate((el) => getComputedStyle(el).backgroundColor);
    // The colours a dark theme gives the workbench's webviews (this page has no theme of its own).
    await p.page.evaluate(() => {
      const theme = document.documentElement.style;
      theme.setProperty('--vscode-list-activeSelectionBackground', 'rgb(4, 57, 94)');
      theme.setProperty('--vscode-list-hoverBackground', 'rgb(42, 45, 46)');
      theme.setProperty('--vscode-charts-orange', 'rgb(209, 134, 22)');
    });
    await plain.click();
    const selectedColour = await background(plain);
    await coloured.click();
    await p.page.locator('.scroller .row.rule-orange.selected').waitFor();
    assert.equal(selectedColour, 'rgb(4, 57, 94)');
    assert.equal(await background(coloured), selectedColour, 'the rule colour hid the selection');
    await coloured.hover();
    assert.equal(await background(coloured), selectedColour, 'the hover colour hid the selection');
  });

  test('an expression filters; a bad one marks its position and keeps the last good filter', async () => {
    const box = p.page.locator('vscode-textfield.filter input');
    await box.fill('keyframes == 0 || behind > 5000');
    await p.page.waitForFunction(
      () => document.querySelectorAll('.scroller .row[data-index]:not([hidden])').length === 2,
    );
    assert.deepEqual(await shownIndexes(p), ['4', '7']);
    await box.fill('keyframes == 0 || behind >> 5000');
    const error = p.page.locator('.filter-error');
    await error.waitFor();
    assert.match(
      (await error.textContent()) ?? '',
      /expected a field, a number or a "string", found ">" \(at character 27\)/,
    );
    assert.equal(await p.page.locator('.filter-error .filter-bad').textContent(), '>');
    assert.equal(await p.page.locator('vscode-textfield.filter').getAttribute('invalid'), '');
    assert.deepEqual(await shownIndexes(p), ['4', '7']);
    await p.shot('11-filter-error');
    await box.fill('behind >= 0');
    await error.waitFor({ state: 'hidden' });
    await p.page.waitForFunction(
      () => document.querySelectorAll('.scroller .row[data-index]:not([hidden])').length === 12,
    );
    await box.press('Enter');
    await p.page.waitForFunction(() =>
      (window as unknown as { __posted: Array<{ type: string; text?: string }> }).__posted.some(
        (m) => m.type === 'filterUsed' && m.text === 'behind >= 0',
      ),
    );
  });

  test('a recent filter chosen from the list is applied', async () => {
    const options = await p.page.locator('select.recent-filters option').allTextContents();
    assert.deepEqual(options, ['Recent filters…', 'behind > 5000', 'error in {4000, 4500}']);
    await p.page.locator('select.recent-filters').selectOption('behind > 5000');
    await p.page.waitForFunction(
      () => document.querySelectorAll('.scroller .row[data-index]:not([hidden])').length === 1,
    );
    assert.deepEqual(await shownIndexes(p), ['7']);
    assert.equal(
      await p.page.locator('vscode-textfield.filter').evaluate((e) => (e as HTMLInputElement).value),
      'behind > 5000',
    );
  });
});
