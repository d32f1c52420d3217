/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileFeed } from '../../src/inspector/file-feed';
import { buildWebview, inspectorInit, openWebviewPage, type WebviewPage } from './webview-page';

// An empty capture file, read by the real FileFeed, shown by the real webview: the table says "empty file"
// instead of staying on "Reading the file…".

describe('capture editor on an empty file', () => {
  let p: WebviewPage;
  const dir = mkdtempSync(join(tmpdir(), 'kvs-empty-view-'));
  before(async () => {
    buildWebview();
    p = await openWebviewPage();
  });
  after(async () => {
    await p.browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the table reads "empty file (0 bytes)" and the banner names the file', async () => {
    const path = join(dir, 'nothing.mkv');
    writeFileSync(path, '');
    const feed = new FileFeed(path, 0);
    await p.send(inspectorInit(feed.source));
    assert.equal(await p.page.locator('.empty').textContent(), 'Reading the file…');
    await new Promise<void>((resolve) => {
      feed.start({
        records: () => undefined,
        notice: () => undefined,
        banner: (banner) => void p.send({ type: 'banner', banner }),
        stateChanged: () => {
          if (feed.stats().state === 'done') resolve();
        },
      });
    });
    await p.send({ type: 'stats', stats: feed.stats() });
    await p.page.locator('.empty', { hasText: 'empty file (0 bytes)' }).waitFor();
    await p.page.getByText('nothing.mkv is an empty file').waitFor();
    await p.shot('empty-file');
    assert.deepEqual(p.consoleErrors, []);
  });
});
