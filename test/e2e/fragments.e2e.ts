import type { Frame, Page } from 'playwright-core';
import { seedRunning } from '../support/archive-seeds';
import type { Journey } from './journey';
import { answer, closeEditors, openKinesisVideo, openWorkbench, palette } from './workbench-actions';

// As a user: seed the demo's archive streams, Browse Fragments on archive-gap (palette: profile, region, stream,
// clock, range), see the gap flagged with its length and thumbnails, select three fragments and Inspect: the
// inspector shows exactly those three, and fetches a row's bytes again for its element tree. Then "Why won't it play?" on archive-no-codec-private names the missing
// codec private data.

let chosen: string[] = [];
const INSPECTOR_ROWS = '.scroller .row[data-index]:not(.fragment-row)';

/** The document of the webview that holds `selector` (several webviews can be open, some hidden). */
async function frameWith(page: Page, selector: string, timeout = 60_000): Promise<Frame> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${selector} after ${timeout / 1000} s`);
}

async function browse(page: Page, stream: string): Promise<Frame> {
  await palette(page, 'Browse Fragments');
  await answer(page, 'AWS profile', 'kvs-local');
  await answer(page, 'Region', null);
  await answer(page, 'Stream name', stream);
  await answer(page, 'which clock', 'Server timestamps');
  await answer(page, 'which range', 'Last hour');
  const frame = await frameWith(page, `.fragments-app`);
  await frame.locator('.progress[data-state="done"]').waitFor({ timeout: 60_000 });
  return frame;
}

export const journey: Journey = {
  name: 'fragments',
  steps: [
    {
      name: "seed the demo's archive streams into kvs-local (POST /kvs-local/seed, as --seed-ago / --no-codec-private do)",
      async run({ kvsUrl }) {
        const { ARCHIVE_DEMO_SEEDS } = await import('../../scripts/archive-demo.mjs');
        for (const s of ARCHIVE_DEMO_SEEDS) {
          const res = await seedRunning(kvsUrl, s);
          if (res.status !== 200) throw new Error(`seeding ${s.name}: HTTP ${res.status} ${await res.text()}`);
        }
      },
    },
    {
      name: 'Browse Fragments on archive-gap: the gap is flagged with its length; thumbnails appear',
      async run({ page, workbenchUrl }) {
        await openWorkbench(page, workbenchUrl);
        await openKinesisVideo(page);
        const frame = await browse(page, 'archive-gap');
        const summary = (await frame.locator('.summary').textContent()) ?? '';
        if (!/16 fragments/.test(summary) || !/1 gap totalling 4m \d+s, largest 4m \d+s/.test(summary))
          throw new Error(`summary: ${summary}`);
        const flag = (await frame.locator('.fragment-row[data-index="8"] .c-flags').textContent()) ?? '';
        if (!/^gap 4m \d+s before$/.test(flag)) throw new Error(`the 9th fragment's flags: '${flag}'`);
        await frame.locator('.thumb[data-state="image"]').first().waitFor({ timeout: 90_000 });
      },
    },
    {
      name: 'select three fragments (click, shift-click) and Inspect: the inspector shows exactly those three',
      async run({ page }) {
        const frame = await frameWith(page, '.fragments-app');
        await frame.locator('.fragment-row[data-index="7"]').click();
        await frame.locator('.fragment-row[data-index="9"]').click({ modifiers: ['Shift'] });
        chosen = await frame
          .locator('.fragment-row.selected')
          .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.fragment ?? ''));
        if (chosen.length !== 3) throw new Error(`selected ${chosen.length} rows`);
        await frame.getByText('Inspect', { exact: true }).click();
        // Two webviews are open now (the Fragments panel stays, hidden): find the inspector's by its rows.
        const inspector = await frameWith(page, INSPECTOR_ROWS);
        const rows = inspector.locator(INSPECTOR_ROWS);
        await rows.nth(2).waitFor({ timeout: 60_000 });
        await page.waitForTimeout(1000);
        const shown = await rows.evaluateAll((els) =>
          els.map((r) => r.querySelectorAll('.cell')[1]?.getAttribute('title') ?? ''),
        );
        if (JSON.stringify(shown) !== JSON.stringify(chosen))
          throw new Error(`the inspector shows ${JSON.stringify(shown)}, not ${JSON.stringify(chosen)}`);
      },
    },
    {
      name: 'in that inspector a row’s bytes are not held; Fetch again reads them (GetMediaForFragmentList) into its tree',
      async run({ page }) {
        const inspector = await frameWith(page, INSPECTOR_ROWS);
        await inspector.locator(`${INSPECTOR_ROWS}[data-index="1"]`).click();
        const details = inspector.locator('.details');
        await details.locator('vscode-button.show-elements').click();
        await details
          .locator('.elements-note', { hasText: /^Bytes not held: this inspector reads its fragments/ })
          .waitFor({ timeout: 30_000 });
        await details.locator('vscode-button.fetch-chunk').click();
        await details
          .locator('.element-tree .el-row', { hasText: /EBML header 0x1A45DFA3 @0 / })
          .waitFor({ timeout: 60_000 });
        const note = (await details.locator('.elements-note').textContent()) ?? '';
        if (!note.startsWith('Fetched again with GetMediaForFragmentList at '))
          throw new Error(`the note does not say the bytes were fetched again: ${note}`);
        await closeEditors(page);
      },
    },
    {
      name: '"Why won\'t it play?" on archive-no-codec-private names the missing codec private data',
      async run({ page }) {
        const frame = await browse(page, 'archive-no-codec-private');
        await frame.locator('.fragment-row[data-index="0"]').click();
        await frame.locator('.fragment-row[data-index="3"]').click({ modifiers: ['Shift'] });
        await frame.getByText("Why won't it play?", { exact: true }).click();
        await frame.locator('.why .answer').first().waitFor({ timeout: 60_000 });
        const text = (await frame.locator('.why').textContent()) ?? '';
        for (const words of [
          /GetHLSStreamingSessionURL: MissingCodecPrivateDataException \(HTTP 400\)/,
          /GetDASHStreamingSessionURL: MissingCodecPrivateDataException/,
          /GetClip: MissingCodecPrivateDataException/,
          /CodecPrivate missing/,
        ])
          if (!words.test(text)) throw new Error(`the answers do not say ${words}: ${text.slice(0, 600)}`);
      },
    },
  ],
};
