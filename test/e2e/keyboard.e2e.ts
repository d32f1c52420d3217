import type { Page } from 'playwright-core';
import type { Journey } from './journey';
import { openWorkbench, quickInput, treeRow, visible, webview } from './workbench-actions';

// Keyboard only, no pointer event anywhere: start the demo streams from the palette, find demo-recorded in the
// tree, open its context menu, inspect it from EARLIEST, move through the rows, open the details, copy the
// continuation token, and go back to the table with Escape.

const keys = async (page: Page, ...pressed: string[]): Promise<void> => {
  for (const key of pressed) await page.keyboard.press(key);
};

/** The palette by keyboard: F1, type, wait until the top entry is the command, Enter. */
async function runCommand(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  await visible(quickInput(page), 'the command palette');
  await page.keyboard.type(`${command}`);
  const focused = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused', { hasText: command });
  await visible(focused, `"${command}" as the palette's first entry`, 15_000);
  await page.keyboard.press('Enter');
}

/** Whether the inspector's element matching `selector` has the focus inside the webview. */
const focusedInWebview = (page: Page, selector: string): Promise<boolean> =>
  webview(page)
    .locator('body')
    .evaluate((body, s) => body.ownerDocument.activeElement?.matches(s) ?? false, selector);

const selectedRow = (page: Page): Promise<string | null> =>
  webview(page)
    .locator('.scroller')
    .evaluate((grid) => {
      const id = grid.getAttribute('aria-activedescendant');
      const row = id ? grid.ownerDocument.getElementById(id) : null;
      return row?.getAttribute('aria-selected') === 'true' ? (row.getAttribute('data-index') ?? null) : null;
    });

async function tabUntil(page: Page, what: string, done: () => Promise<boolean>, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await page.keyboard.press('Tab');
  }
  if (!(await done())) throw new Error(`Tab never reached ${what}`);
}

export const journey: Journey = {
  name: 'keyboard',
  workbench: 'no-aws',
  steps: [
    {
      name: 'start the demo streams from the palette',
      async run({ page, workbenchUrl }) {
        await openWorkbench(page, workbenchUrl);
        // The palette lists the extension's commands once the workbench has scanned it: its container shows then.
        await visible(
          page.locator('.activitybar [aria-label^="Kinesis Video"]'),
          'the Kinesis Video container',
          60_000,
        );
        await runCommand(page, 'KVS Inspector: Start Demo Streams (no AWS needed)');
        await visible(treeRow(page, /^demo-recorded/), 'demo-recorded in the tree');
      },
    },
    {
      name: 'find demo-recorded in the tree and inspect it from its context menu',
      async run({ page }) {
        await runCommand(page, 'Kinesis Video: Focus on Streams View');
        // Down the tree to the row, then the context menu key: its first entry is Inspect Stream.
        const row = treeRow(page, /^demo-recorded/).first();
        for (let i = 0; i < 20 && !((await row.getAttribute('class')) ?? '').includes('focused'); i++)
          await keys(page, 'ArrowDown');
        if (!((await row.getAttribute('class')) ?? '').includes('focused'))
          throw new Error('the keyboard never reached demo-recorded');
        await keys(page, 'Shift+F10');
        const entry = page.locator('.monaco-menu .action-item.focused', { hasText: 'Inspect Stream' });
        for (let i = 0; i < 10 && (await entry.count()) === 0; i++) await keys(page, 'ArrowDown');
        await visible(entry, 'Inspect Stream focused in the context menu', 5_000);
        await keys(page, 'Enter');
        await visible(
          page.locator('.quick-input-widget .quick-input-title', { hasText: 'where should GetMedia start' }),
          'the start prompt',
        );
        await page.keyboard.type('EARLIEST');
        await keys(page, 'Enter');
        await visible(webview(page).locator('.scroller .row[data-index="7"]'), "demo-recorded's eight chunks");
      },
    },
    {
      name: 'Tab into the table and move through the rows with arrows, End and Home',
      async run({ page }) {
        await tabUntil(page, 'the table', () => focusedInWebview(page, '.scroller'));
        await keys(page, 'ArrowDown');
        if ((await selectedRow(page)) !== '0') throw new Error(`ArrowDown selected ${await selectedRow(page)}`);
        await keys(page, 'ArrowDown', 'ArrowDown');
        if ((await selectedRow(page)) !== '2')
          throw new Error(`two more ArrowDowns selected ${await selectedRow(page)}`);
        await keys(page, 'End');
        if ((await selectedRow(page)) !== '7') throw new Error(`End selected ${await selectedRow(page)}`);
        await keys(page, 'Home', 'ArrowDown');
        if ((await selectedRow(page)) !== '1') throw new Error(`Home, ArrowDown selected ${await selectedRow(page)}`);
      },
    },
    {
      name: 'Enter opens the details, Tab reaches Copy token, Enter copies it; Escape returns to the table',
      async run({ page, log }) {
        await keys(page, 'Enter');
        if (!(await focusedInWebview(page, '.details'))) throw new Error('Enter did not move into the details');
        await tabUntil(page, 'Copy token', () =>
          webview(page)
            .locator('body')
            .evaluate((body) => (body.ownerDocument.activeElement?.textContent ?? '').trim() === 'Copy token'),
        );
        await keys(page, 'Enter');
        const token = (await webview(page).locator('.details .token-value').textContent()) ?? '';
        let copied = '';
        for (let i = 0; i < 50 && copied !== token; i++) {
          copied = String(await page.evaluate('navigator.clipboard.readText()'));
          if (copied !== token) await page.waitForTimeout(200);
        }
        log(`clipboard: ${copied}`);
        if (!token || copied !== token) throw new Error(`the clipboard holds '${copied}', not the token '${token}'`);
        await keys(page, 'Escape');
        if (!(await focusedInWebview(page, '.scroller'))) throw new Error('Escape did not return to the table');
        if ((await selectedRow(page)) !== '1') throw new Error('the selection moved');
      },
    },
    {
      name: 'stop the demo streams from the palette',
      async run({ page }) {
        await runCommand(page, 'KVS Inspector: Stop Demo Streams');
        await visible(
          page.locator('.welcome-view-content .monaco-button', { hasText: 'Start Demo Streams' }),
          'the welcome view again',
        );
      },
    },
  ],
};
