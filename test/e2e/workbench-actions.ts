import type { FrameLocator, Locator, Page } from 'playwright-core';

/** What a user does in the workbench, shared by the journeys. */

export async function visible(locator: Locator, what: string, timeout = 30_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`not visible after ${timeout / 1000} s: ${what}`, { cause: error });
  }
}

export const treeRow = (page: Page, name: string | RegExp): Locator => page.getByRole('treeitem', { name });
export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget .quick-input-box input');
/** The inspector's own document inside the webview's two iframes. */
export const webview = (page: Page): FrameLocator =>
  page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
export const inspectorRows = (page: Page): Locator => webview(page).locator('.scroller .row[data-index]:visible');

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await visible(page.locator('.monaco-workbench .activitybar'), 'the activity bar', 60_000);
}

export async function openKinesisVideo(page: Page): Promise<void> {
  await page.locator('.activitybar [aria-label^="Kinesis Video"]').first().click({ timeout: 30_000 });
}

/** Runs a command from the palette, clicking its entry (Enter alone can race the list's filtering). */
export async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  await visible(quickInput(page), 'the command palette');
  await quickInput(page).fill(`>${command}`);
  const entry = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: command }).first();
  try {
    await visible(entry, `the palette entry "${command}"`, 15_000);
  } catch (error) {
    const shown = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allTextContents();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; the palette shows: ${JSON.stringify(shown.slice(0, 10))}`,
      { cause: error },
    );
  }
  await entry.click();
}

export async function closeEditors(page: Page): Promise<void> {
  await palette(page, 'View: Close All Editors');
  await page.waitForTimeout(500);
}

/** Answers the next quick input (pick or text box) once its title shows `title`; null keeps the default. */
export async function answer(page: Page, title: string | RegExp, value: string | null): Promise<void> {
  await visible(page.locator('.quick-input-widget .quick-input-title', { hasText: title }), `the prompt "${title}"`);
  if (value !== null) await quickInput(page).fill(value);
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
}

/** "Inspect Stream" from the palette: profile, region (default), stream name, start selector. */
export async function inspectFromPalette(page: Page, profile: string, stream: string, selector: string): Promise<void> {
  await palette(page, 'Inspect Stream');
  await answer(page, 'AWS profile', profile);
  await answer(page, 'Region', null);
  await answer(page, 'Stream name', stream);
  await answer(page, 'where should GetMedia start', selector);
}

/** The highest row index the inspector has rendered (its list is virtualized: count by index, not by element). */
export async function lastRowIndex(page: Page): Promise<number> {
  const indexes = await inspectorRows(page).evaluateAll((rows) =>
    rows.map((r) => Number(r.getAttribute('data-index'))),
  );
  return indexes.length ? Math.max(...indexes) : -1;
}

/** Polls `check` (a page or file state, no fixed sleep) until it holds; fails naming `what`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An inspector header button by its whole label ("Stop" is not "Stop saving"). */
export const toolbarButton = (page: Page, label: string): Locator =>
  webview(page).locator('header vscode-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) });

/** Types into the inspector's filter box; fails when the box marks the expression invalid. */
export async function setFilter(page: Page, text: string): Promise<void> {
  await webview(page).locator('vscode-textfield.filter input').fill(text);
  if ((await webview(page).locator('vscode-textfield.filter[invalid]').count()) !== 0)
    throw new Error(`the filter "${text}" was marked invalid`);
}

/** Sets (or, with null, clears) a kvs-local read fault on `stream` through its admin call. */
export async function streamFault(kvsUrl: string, stream: string, spec: string | null): Promise<void> {
  const r = await fetch(`${kvsUrl}/kvs-local/fault`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ StreamName: stream, Fault: spec }),
  });
  if (r.status !== 200) throw new Error(`fault ${spec} answered ${r.status}: ${await r.text()}`);
}

/** "Save capture…" in the inspector's header, answered with `file`; resolves once the header offers Stop saving. */
export async function saveCapture(page: Page, file: string): Promise<void> {
  await toolbarButton(page, 'Save capture…').click();
  await visible(
    page.locator('.quick-input-widget .quick-input-title', { hasText: 'Save the raw GetMedia bytes' }),
    'the save dialog',
  );
  // The simple file dialog fills in its default name a moment later; typing before that would be overwritten.
  await page.waitForFunction(() =>
    (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value.endsWith(
      '.mkv',
    ),
  );
  await quickInput(page).fill(file);
  await page.keyboard.press('Enter');
  await visible(toolbarButton(page, 'Stop saving'), 'the Stop saving button');
}

/**
 * In an element tree already shown (`within`: the details pane's frame part), opens the Cluster, selects its first
 * SimpleBlock and waits for the hex pane to select that block's first byte, its 0xA3 id.
 */
export async function openFirstSimpleBlock(within: Locator | FrameLocator, what = 'the Cluster'): Promise<void> {
  const tree = within.locator('.element-tree .el-row');
  await tree.filter({ hasText: 'Cluster 0x1F43B675' }).locator('.twisty').click();
  const block = tree.filter({ hasText: 'SimpleBlock 0xA3' }).first();
  await visible(block, `a SimpleBlock in ${what}`);
  const offset = Number(/@([\d,]+)/.exec((await block.textContent()) ?? '')?.[1].replace(/,/g, ''));
  await block.click();
  const first = within.locator(`.hex .byte.selected[data-offset="${offset}"]`);
  await visible(first, `the SimpleBlock's first byte (offset ${offset}) selected in the hex pane`);
  await until(async () => (await first.textContent()) === 'a3', `byte ${offset} reads a3 (the SimpleBlock id)`);
}
