/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { inspectorHtml } from '../../src/inspector/webview-html';
import type { HostToWebview, WebviewToHost } from '../../src/protocol';
import { repoRoot } from '../support/paths';

/** The real webview bundle in headless Chromium, under the real CSP, with acquireVsCodeApi recording what it posts. */

const screenshotDir = join(repoRoot, 'test-results', 'webview');

export interface WebviewPage {
  browser: Browser;
  page: Page;
  send(message: HostToWebview): Promise<void>;
  posted(): Promise<WebviewToHost[]>;
  dialogs: string[];
  consoleErrors: string[];
  shot(name: string): Promise<void>;
}

export function buildWebview(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only=webview'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`webview build failed: ${r.stderr}`);
}

/** Which bundle the page loads: the inspector's by default, or another webview's (dist/NAME.js, media/NAME.css). */
export async function openWebviewPage(bundle = { script: 'webview.js', style: 'inspector.css' }): Promise<WebviewPage> {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-webview-'));
  const html = inspectorHtml({
    cspSource: 'file:',
    scriptUri: pathToFileURL(join(repoRoot, 'dist', bundle.script)).href,
    styleUri: pathToFileURL(join(repoRoot, 'media', bundle.style)).href,
    title: 'KVS Inspector test page',
  });
  const file = join(dir, 'index.html');
  writeFileSync(file, html);
  mkdirSync(screenshotDir, { recursive: true });
  // The scripts' launcher, with their flags (an ES module: these tests are CommonJS to the type checker).
  const { launchChromium } = await import('../../scripts/vscode-offline/lib/browser.mjs');
  const browser = await launchChromium();
  // The page's folder goes with the browser, whichever test closes it.
  browser.on('disconnected', () => rmSync(dir, { recursive: true, force: true }));
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
    w.__posted = [];
    w.__state = undefined;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => {
        w.__posted.push(m);
      },
      getState: () => w.__state,
      setState: (s: unknown) => {
        w.__state = s;
      },
    });
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() =>
    (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'),
  );
  return {
    browser,
    page,
    dialogs,
    consoleErrors,
    // A JSON string crosses much faster than Playwright's own serialization of large nested objects.
    send: (message) =>
      page.evaluate((json) => {
        window.postMessage(JSON.parse(json), '*');
      }, JSON.stringify(message)),
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted),
    shot: async (name) => {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
    },
  };
}
