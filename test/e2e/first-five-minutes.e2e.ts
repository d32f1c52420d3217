import { connect } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import type { Journey } from './journey';
import {
  answer,
  closeEditors,
  inspectorRows,
  lastRowIndex,
  openKinesisVideo,
  openWorkbench,
  palette,
  quickInput,
  treeRow,
  visible,
  webview,
} from './workbench-actions';

// A marketplace user's first five minutes, on a machine with no AWS profile at all: the empty Streams view offers
// the demo streams, its button starts them, a live stream is inspected and a token copied, the logs are found,
// the walkthrough's steps tick by themselves, and Stop Demo Streams leaves nothing listening.

let demoPort = 0;

const welcomeButton = (page: Page): Locator =>
  page.locator('.welcome-view-content .monaco-button', { hasText: 'Start Demo Streams (no AWS needed)' });
const walkthroughStep = (page: Page, id: string): Locator =>
  page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id$="${id}"]`);

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

/** Shows the Kinesis Video container; clicking its activity bar item when it is already shown would hide it. */
async function showKinesisVideo(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Kinesis Video"]') });
  if (!((await item.first().getAttribute('class')) ?? '').split(/\s+/).includes('checked'))
    await openKinesisVideo(page);
}

async function openWalkthrough(page: Page): Promise<void> {
  await palette(page, 'Welcome: Open Walkthrough');
  await quickInput(page).fill('Get Started with KVS Inspector');
  const entry = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
    hasText: 'Get Started with KVS Inspector',
  });
  await visible(entry, 'the walkthrough in the quick pick');
  await entry.first().click();
  await visible(
    page.locator('.gettingStartedContainer', { hasText: 'Get Started with KVS Inspector' }),
    'the walkthrough',
  );
}

/** A step's tick: its checkbox icon (role=checkbox) is checked. */
async function stepDone(step: Locator): Promise<boolean> {
  const box = step.locator('[role=checkbox]').first();
  if ((await box.count()) === 0) throw new Error('a walkthrough step without its checkbox');
  return (await box.getAttribute('aria-checked')) === 'true';
}

export const journey: Journey = {
  name: 'first-five-minutes',
  workbench: 'no-aws',
  steps: [
    {
      name: 'no AWS profile: the empty Streams view offers the demo streams',
      async run({ page, workbenchUrl }) {
        await openWorkbench(page, workbenchUrl);
        await openKinesisVideo(page);
        await visible(welcomeButton(page), 'the welcome view button "Start Demo Streams (no AWS needed)"');
        if ((await page.getByRole('treeitem').count()) !== 0) throw new Error('the tree is not empty');
      },
    },
    {
      name: 'the walkthrough opens with nothing done yet',
      async run({ page }) {
        await openWalkthrough(page);
        for (const id of ['connectProfile', 'tryDemo', 'inspectStream', 'showLogs'])
          if (await stepDone(walkthroughStep(page, id))) throw new Error(`step ${id} is already ticked`);
      },
    },
    {
      name: "the welcome view's button starts the demo streams under Demo (local)",
      async run({ page, log }) {
        await showKinesisVideo(page);
        await welcomeButton(page).click();
        const demo = treeRow(page, /^Demo \(local\)/).first();
        await visible(demo, 'the Demo (local) row');
        for (const name of ['demo-live', 'demo-recorded', 'demo-producer-tags', 'demo-error'])
          await visible(treeRow(page, new RegExp(`^${name}`)), `the stream ${name}`);
        const label = (await demo.getAttribute('aria-label')) ?? '';
        demoPort = Number(/port (\d+)/.exec(label)?.[1] ?? 0);
        if (!demoPort) throw new Error(`no port in "${label}"`);
        if (await refused(demoPort)) throw new Error(`nothing listens on ${demoPort}`);
        log(`demo streams on 127.0.0.1:${demoPort}`);
      },
    },
    {
      name: 'inspect the live stream from the tree: its rows grow',
      async run({ page, log }) {
        await closeEditors(page);
        const row = treeRow(page, /^demo-live/).first();
        await row.hover();
        await row.locator('.action-label[aria-label^="Inspect Stream"]').first().click();
        await answer(page, 'where should GetMedia start', 'NOW');
        let first = -1;
        for (let i = 0; i < 60 && first < 0; i++) {
          first = await lastRowIndex(page);
          if (first < 0) await page.waitForTimeout(500);
        }
        if (first < 0) throw new Error('no row from demo-live within 30 s');
        let later = first;
        for (let i = 0; i < 60 && later <= first; i++) {
          await page.waitForTimeout(500);
          later = await lastRowIndex(page);
        }
        log(`live rows: last index ${first} then ${later}`);
        if (later <= first) throw new Error(`demo-live's rows did not grow in 30 s (last index stayed ${first})`);
      },
    },
    {
      name: 'copy a continuation token from the details',
      async run({ page, log }) {
        await inspectorRows(page).first().click();
        await webview(page).locator('.details vscode-button', { hasText: 'Copy token' }).first().click();
        let copied = '';
        for (let i = 0; i < 50 && !/^\d{20,}$/.test(copied); i++) {
          copied = String(await page.evaluate('navigator.clipboard.readText()'));
          if (!/^\d{20,}$/.test(copied)) await page.waitForTimeout(200);
        }
        log(`clipboard: ${copied}`);
        if (!/^\d{20,}$/.test(copied)) throw new Error(`the clipboard holds '${copied}', not a continuation token`);
      },
    },
    {
      name: 'Show Logs opens the KVS Inspector output with the demo streams in it',
      async run({ page }) {
        await palette(page, 'KVS Inspector: Show Logs');
        await visible(page.locator('.output-view, .panel', { hasText: 'Demo streams started' }), 'the log line');
      },
    },
    {
      name: "the walkthrough's steps ticked on the real events (no profile: that one stays open)",
      async run({ page }) {
        await openWalkthrough(page);
        for (const id of ['tryDemo', 'inspectStream', 'showLogs']) {
          const step = walkthroughStep(page, id);
          await visible(step, `the step ${id}`);
          for (let i = 0; i < 50 && !(await stepDone(step)); i++) await page.waitForTimeout(200);
          if (!(await stepDone(step))) throw new Error(`step ${id} is not ticked`);
        }
        if (await stepDone(walkthroughStep(page, 'connectProfile')))
          throw new Error('"Connect an AWS profile" ticked without a profile');
      },
    },
    {
      name: 'Stop Demo Streams: the Demo entry goes and nothing listens on its port',
      async run({ page, log }) {
        await palette(page, 'KVS Inspector: Stop Demo Streams');
        await showKinesisVideo(page);
        await visible(welcomeButton(page), 'the welcome view again');
        if ((await treeRow(page, /^Demo \(local\)/).count()) !== 0) throw new Error('the Demo (local) row stayed');
        let gone = await refused(demoPort);
        for (let i = 0; i < 50 && !gone; i++) {
          await page.waitForTimeout(100);
          gone = await refused(demoPort);
        }
        if (!gone) throw new Error(`127.0.0.1:${demoPort} still accepts connections`);
        log(`nothing listens on ${demoPort}`);
      },
    },
  ],
};
