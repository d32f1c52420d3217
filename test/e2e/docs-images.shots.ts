import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Journey } from './journey';
import {
  inspectFromPalette,
  inspectorRows as rows,
  lastRowIndex,
  openFirstSimpleBlock,
  openKinesisVideo,
  openWorkbench,
  palette,
  saveCapture,
  setFilter,
  streamFault,
  toolbarButton,
  treeRow,
  until,
  visible,
  webview,
} from './workbench-actions';

// The pictures README.md and MARKETPLACE.md show (docs/images), taken by `npm run screenshots` (not by npm test)
// in the e2e workbench on kvs-local's live stream. Each step waits for what its picture must show, so a picture
// that would not show it fails the run instead of landing in the docs.

const STREAM = 'live-camera';
/** The filter of filter-and-colours.png; the colouring rules it shows are the user settings of scripts/screenshots.mjs. */
const FILTER = 'duration < 1000 || bitrate > 520000';
/** Chunks after the catch-up, so the table's tail shows live rows. */
const LIVE_ROWS = 24;

/** The header's figures: "… · 48 chunks · 0 ms behind now". */
async function headerFigures(page: Page): Promise<{ chunks: number; behind: number }> {
  const text = (await webview(page).locator('.numbers').textContent()) ?? '';
  const figure = (re: RegExp): number => Number(re.exec(text)?.[1].replace(/,/g, '') ?? NaN);
  return { chunks: figure(/([\d,]+) chunks(?!\/)/), behind: figure(/([\d,]+) ms behind now/) };
}

/** The rows on screen: index and the colouring rule painting it ('' for none). */
async function shownRows(page: Page): Promise<{ index: number; rule: string }[]> {
  return rows(page).evaluateAll((els) =>
    els.map((e) => ({
      index: Number(e.getAttribute('data-index')),
      rule: /\brule-(\w+)/.exec(e.className)?.[1] ?? '',
    })),
  );
}

/** Selects the unpainted row nearest the middle of the screen (a rule's colour would hide the selection). */
async function selectPlainRow(page: Page): Promise<void> {
  const shown = await shownRows(page);
  const plain = shown.filter((r) => r.rule === '');
  if (plain.length === 0) throw new Error(`no unpainted row on screen: ${JSON.stringify(shown)}`);
  const middle = shown[Math.floor(shown.length / 2)].index;
  const pick = plain.reduce((a, b) => (Math.abs(b.index - middle) < Math.abs(a.index - middle) ? b : a));
  await rowAt(page, pick.index).click();
  // The pointer leaves the row: its hover colour would hide the selection's.
  await webview(page)
    .locator('.details')
    .hover({ position: { x: 8, y: 8 } });
  await visible(
    webview(page).locator('.details h3', { hasText: new RegExp(`^Chunk ${pick.index}$`) }),
    `chunk ${pick.index}'s details`,
  );
}

const rowAt = (page: Page, index: number): Locator =>
  webview(page).locator(`.scroller .row[data-index="${index}"]:visible`);
const lagItem = (page: Page): Locator => page.locator('.statusbar-item', { hasText: STREAM });

export const journey: Journey = {
  name: 'docs-images',
  viewport: { width: 1600, height: 1000 },
  steps: [
    {
      name: 'open the workbench, primary side bar closed',
      async run({ page, workbenchUrl }) {
        await openWorkbench(page, workbenchUrl);
        await openKinesisVideo(page);
        await visible(treeRow(page, /^kvs-local/), 'the kvs-local profile in the Streams view');
        await palette(page, 'View: Close Primary Side Bar');
        await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
      },
    },
    {
      name: 'the live stream from EARLIEST, caught up, a row selected',
      image: 'inspector.png',
      async run({ page }) {
        await inspectFromPalette(page, 'kvs-local', STREAM, 'EARLIEST');
        await until(async () => (await headerFigures(page)).behind < 5000, 'the session caught up', 120_000);
        const caughtUp = (await headerFigures(page)).chunks;
        await until(
          async () => (await headerFigures(page)).chunks >= caughtUp + LIVE_ROWS,
          `${LIVE_ROWS} live chunks after the catch-up`,
          LIVE_ROWS * 3_000,
        );
        await selectPlainRow(page);
        await visible(lagItem(page).filter({ hasText: 'streaming' }), 'the lag watch in the status bar');
      },
    },
    {
      name: 'a filter expression, rows painted by the colouring rules, Skew FPS and Bitrate shown',
      image: 'filter-and-colours.png',
      async run({ page }) {
        for (const column of ['skewms', 'fps', 'bitrate'])
          await visible(webview(page).locator(`.row.head .c-${column}`), `the ${column} column`);
        await setFilter(page, FILTER);
        await until(async () => {
          const shown = await shownRows(page);
          const gaps = shown.some((r, i) => i > 0 && r.index !== shown[i - 1].index + 1);
          return gaps && new Set(shown.map((r) => r.rule).filter(Boolean)).size >= 2;
        }, 'rows left out by the filter and two colours on screen');
        await selectPlainRow(page);
      },
    },
    {
      name: 'Save capture, a new chunk opened down to a SimpleBlock, its bytes selected',
      image: 'elements-and-bytes.png',
      async run({ page, workbenchUrl }) {
        const folder = new URL(workbenchUrl).searchParams.get('folder');
        if (!folder) throw new Error('no workspace folder in the workbench URL');
        await setFilter(page, '');
        await saveCapture(page, join(folder, `${STREAM}.mkv`));
        // Bytes are held from the capture's start: a chunk that began after it has them.
        let k = (await lastRowIndex(page)) + 2;
        for (; ; k++) {
          await visible(rowAt(page, k), `row ${k}`, 60_000);
          if (!/\brule-/.test((await rowAt(page, k).getAttribute('class')) ?? '')) break;
        }
        await rowAt(page, k).click();
        await webview(page).locator('.details vscode-button.show-elements').click();
        await openFirstSimpleBlock(webview(page), 'the expanded Cluster');
        await webview(page)
          .locator('.details section.elements')
          .evaluate((section) => section.scrollIntoView({ block: 'start' }));
        await webview(page).locator('.hex').hover();
      },
    },
    {
      name: 'kvs-local stalls the stream: the lag watch warns in the status bar',
      image: 'lag-watch.png',
      async run({ page, kvsUrl }) {
        // A smaller window: the status bar item and the notification stay readable when the page scales it down.
        await page.setViewportSize({ width: 1000, height: 700 });
        await toolbarButton(page, 'Stop saving').click();
        await streamFault(kvsUrl, STREAM, 'stall=120@1');
        // A new GetMedia session meets the fault: one chunk, then silence.
        await toolbarButton(page, 'Stop').click();
        await visible(webview(page).locator('.state-stopped'), 'the stopped state');
        await toolbarButton(page, 'Resume').click();
        await visible(
          page.locator('.statusbar-item.warning-kind', { hasText: /stalled \d+ s/ }),
          'the warning status item',
        );
        // The toast once its fade-in has ended: earlier it is still half transparent.
        await visible(
          page.locator('.notification-toast.notification-fade-in-done', {
            hasText: `KVS Inspector: ${STREAM} no chunk for`,
          }),
          'the stall notification',
        );
        await webview(page)
          .locator('.details')
          .evaluate((details) => details.scrollTo(0, 0));
      },
    },
  ],
};
