/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { inspectorHtml } from '../../src/inspector/webview-html';
import { DEFAULT_ROW_CAP, type HostToWebview, type InspectorSource, type WebviewToHost } from '../../src/protocol';
import { buildBundles } from '../support/build';
import { repoRoot } from '../support/paths';

/** The real webview bundle in headless Chromium, under the real CSP, with acquireVsCodeApi recording what it posts. */

const screenshotDir = join(repoRoot, 'test-results', 'webview');

/** `In`, `Out`: the bundle's messages from and to the host (the inspector's by default). */
export interface WebviewPage<In = HostToWebview, Out = WebviewToHost> {
  browser: Browser;
  page: Page;
  send(message: In): Promise<void>;
  posted(): Promise<Out[]>;
  /** Hands every message the page posts from now on to `host`: the test answers as the extension host would. */
  answer(host: (message: Out) => Promise<void>): Promise<void>;
  dialogs: string[];
  consoleErrors: string[];
  shot(name: string): Promise<void>;
}

/** A webview bundle: its scripts/build.mjs entry, dist/SCRIPT and media/STYLE. */
interface Bundle {
  entry: string;
  script: string;
  style: string;
}
const INSPECTOR_BUNDLE: Bundle = { entry: 'webview', script: 'webview.js', style: 'inspector.css' };
export const FRAGMENTS_BUNDLE: Bundle = { entry: 'fragments', script: 'fragments.js', style: 'fragments.css' };

export function buildWebview(bundle = INSPECTOR_BUNDLE): void {
  buildBundles(bundle.entry);
}

type InspectorInit = Extract<HostToWebview, { type: 'init' }>;

/** The init message as InspectorView sends it: the default row cap; a stream can stream, a file cannot. */
export function inspectorInit(source: InspectorSource, more: Partial<InspectorInit> = {}): InspectorInit {
  return { type: 'init', source, rowCap: DEFAULT_ROW_CAP, canStream: source.kind === 'stream', ...more };
}

/** The inspector bundle, built afresh, open on `source`. */
export async function openInspector(source: InspectorSource, more: Partial<InspectorInit> = {}): Promise<WebviewPage> {
  buildWebview();
  const p = await openWebviewPage();
  await p.send(inspectorInit(source, more));
  return p;
}

/** Loads a built bundle (the inspector's by default). */
export async function openWebviewPage<In = HostToWebview, Out = WebviewToHost>(
  bundle = INSPECTOR_BUNDLE,
): Promise<WebviewPage<In, Out>> {
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
    posted: () => page.evaluate(() => (window as unknown as { __posted: Out[] }).__posted),
    answer: async (host) => {
      await page.exposeFunction('__host', host);
      await page.evaluate(() => {
        const w = window as unknown as { __posted: unknown[]; __host: (m: unknown) => void };
        const push = w.__posted.push.bind(w.__posted);
        w.__posted.push = (...items: unknown[]) => {
          for (const m of items) w.__host(m);
          return push(...items);
        };
      });
    },
    shot: async (name) => {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
    },
  };
}
