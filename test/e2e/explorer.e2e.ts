import type { Locator, Page } from 'playwright-core';
import { scrollIntoView, type Journey } from './journey';
import { treeRow as row, visible as expectText } from './workbench-actions';

// As a user: open Kinesis Video, see kvs-local's streams, expand one, copy its ARN, page further, switch to the
// profile with a wrong secret and see the error node. The packaged .vsix is installed; nothing is injected.

const streamsView = (page: Page): Locator =>
  page.locator('.pane-body', { has: page.locator('.monaco-list[aria-label*="Streams"]') }).first();
const statusItem = (page: Page, text: string): Locator => page.locator('.statusbar-item', { hasText: text });

/** Switches profile the way a user does: the status bar item, then the quick pick. */
async function switchProfile(page: Page, from: string, to: string): Promise<void> {
  await statusItem(page, `KVS: ${from}`).first().click();
  const input = page.locator('.quick-input-widget input');
  await expectText(input, 'the profile quick pick', 10_000);
  await input.fill(to);
  await expectText(
    page.locator('.quick-input-list .monaco-list-row', { hasText: to }),
    `${to} in the quick pick`,
    10_000,
  );
  await page.keyboard.press('Enter');
  await expectText(statusItem(page, `KVS: ${to} (us-east-1)`), `the status bar showing ${to}`);
}

export const journey: Journey = {
  name: 'explorer',
  steps: [
    {
      name: 'open the workbench',
      async run({ page, workbenchUrl }) {
        await page.goto(workbenchUrl);
        await expectText(page.locator('.monaco-workbench .activitybar'), 'the activity bar', 60_000);
      },
    },
    {
      name: "open the Kinesis Video container and see the active profile's streams",
      async run({ page }) {
        await page.locator('.activitybar [aria-label^="Kinesis Video"]').first().click({ timeout: 30_000 });
        await expectText(row(page, /^kvs-local/), 'the kvs-local profile row');
        await expectText(row(page, /^us-east-1/), 'the us-east-1 region row');
        await expectText(row(page, /^cam-0000/), 'the first stream cam-0000');
        await expectText(
          statusItem(page, 'KVS: kvs-local (us-east-1)'),
          'the status bar item KVS: kvs-local (us-east-1)',
        );
      },
    },
    {
      name: 'expand a stream to see its facts',
      async run({ page }) {
        await row(page, /^cam-0000/)
          .first()
          .click();
        await page.keyboard.press('ArrowRight');
        await expectText(row(page, /^ARN/), 'the ARN row under cam-0000');
        await expectText(row(page, /^Data retention/), 'the Data retention row');
      },
    },
    {
      name: "copy the stream's ARN from its context menu and read the clipboard back",
      async run({ page, log }) {
        await row(page, /^cam-0000/)
          .first()
          .click({ button: 'right' });
        await page.locator('.monaco-menu .action-item', { hasText: 'Copy ARN' }).first().click({ timeout: 10_000 });
        // The command runs in the extension host; the clipboard is written back in the page a moment later, and
        // until then it holds whatever an earlier journey copied: wait for the ARN itself.
        const arn = /^arn:aws:kinesisvideo:us-east-1:\d{12}:stream\/cam-0000\/\d+$/;
        let copied = '';
        for (let i = 0; i < 50 && !arn.test(copied); i++) {
          copied = String(await page.evaluate('navigator.clipboard.readText()'));
          if (!arn.test(copied)) await page.waitForTimeout(200);
        }
        log(`clipboard: ${copied}`);
        if (!arn.test(copied)) throw new Error(`clipboard holds '${copied}', not cam-0000's ARN`);
        await page.keyboard.press('Escape');
      },
    },
    {
      name: 'load the next page of streams',
      async run({ page }) {
        await row(page, /^cam-0000/)
          .first()
          .click();
        await page.keyboard.press('ArrowLeft');
        const more = row(page, /^Load more streams/);
        await scrollIntoView(page, streamsView(page), more);
        await more.first().click();
        await scrollIntoView(page, streamsView(page), row(page, /^cam-0150/));
        await expectText(row(page, /^cam-0150/), 'cam-0150 after loading more');
      },
    },
    {
      name: 'switch profile from the status bar to the one with a wrong secret',
      async run({ page }) {
        await switchProfile(page, 'kvs-local', 'wrong-secret');
      },
    },
    {
      name: 'see the error node for the wrong secret, with what to do',
      async run({ page }) {
        const error = row(page, /^Error: AWS rejected the credentials of profile "wrong-secret"/);
        await scrollIntoView(page, streamsView(page), error);
        await expectText(error, 'the credentials-rejected error node');
        await expectText(row(page, /^What to do/), 'the "What to do" row');
      },
    },
    {
      name: 'switch back to the good profile and see its streams again',
      async run({ page }) {
        // Also leaves the shared workbench as later journeys expect it (kvsInspector.profile is a user setting).
        await switchProfile(page, 'wrong-secret', 'kvs-local');
        await expectText(row(page, /^cam-0000/), 'cam-0000 under kvs-local again');
      },
    },
  ],
};
