/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { HeldChunks } from '../../src/inspector/held-chunks';
import type { ChunkRecord } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { openInspector, type WebviewPage } from './webview-page';

const FILE = getMediaFixture('output_get_media.mkv');
/** The row whose bytes come back (2), the one whose fetch fails (1), and an error chunk without a fragment number. */
const FETCHED = 2;
const FAILING = 1;
const RETAINED_FOR = 'stream cam keeps data for 24 hours (DataRetentionInHours).';

describe('"Fetch again" for bytes a live inspector no longer holds (headless Chromium; the test is the host, with the real HeldChunks)', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  let fetched: Uint8Array;
  const held = new HeldChunks();
  const fetches: Array<{ index: number; fragmentNumber: string }> = [];
  /** Holds the fetch's answer back until the test has seen "Fetching…". */
  let release: () => void = () => undefined;
  before(async () => {
    const bytes = readFileSync(FILE);
    const chunks = readAllChunks(bytes).records;
    const own = chunks[FETCHED];
    fetched = bytes.subarray(own.byteOffset, own.byteOffset + own.byteLength);
    // The GetMedia chunk the row stands for was longer (its MILLIS_BEHIND_NOW and token tags): the hex pane must
    // show the fetched bytes' own length, not the row's.
    records = [
      ...chunks.map((r, i) => (i === FETCHED ? { ...r, byteLength: r.byteLength + 4096 } : r)),
      { ...chunks[0], index: chunks.length, fragmentNumber: null, errorId: 3000, errorCode: 'FRAGMENT_NOT_FOUND' },
      // GetMediaForFragmentList's error chunk names the fragment it could not serve.
      { ...chunks[0], index: chunks.length + 1, errorId: 3000, errorCode: 'Requested fragment was not found' },
    ];
    p = await openInspector({
      kind: 'stream',
      streamName: 'cam',
      profile: 'kvs-local',
      region: 'us-east-1',
      selector: 'NOW',
    });
    await p.answer(async (m) => {
      if (m.type === 'elementsRequest') {
        await p.send({ type: 'elements', index: m.index, canFetch: true, ...(await held.elements(m.index)) });
      } else if (m.type === 'fetchChunk') {
        fetches.push({ index: m.index, fragmentNumber: m.fragmentNumber });
        await new Promise<void>((resolve) => (release = resolve));
        if (m.index === FAILING) {
          const fetchError = `Fragment ${m.fragmentNumber} is no longer retained (in-band 3000: Requested fragment was not found): ${RETAINED_FOR}`;
          await p.send({
            type: 'elements',
            index: m.index,
            canFetch: true,
            ...(await held.elements(m.index)),
            fetchError,
          });
          return;
        }
        held.addFetched(m.index, fetched, Date.UTC(2026, 0, 2, 3, 4, 5));
        await p.send({ type: 'elements', index: m.index, canFetch: true, ...(await held.elements(m.index)) });
      } else if (m.type === 'bytesRequest') {
        const hex = Buffer.from(await held.read(m.index, m.offset, m.length)).toString('hex');
        await p.send({ type: 'bytes', requestId: m.requestId, offset: m.offset, hex });
      }
    });
    await p.send({ type: 'records', records, sentAt: Date.now() });
    await p.page.locator(`.scroller .row[data-index="${records.length - 1}"]`).waitFor();
  });
  after(async () => {
    await p.browser.close();
  });

  const details = () => p.page.locator('.details');
  /** The host has the webview's n-th fetchChunk (the page's call reaches it a moment after the click). */
  const untilFetches = async (n: number): Promise<void> => {
    while (fetches.length < n) await new Promise((r) => setTimeout(r, 20));
  };
  const showElements = async (index: number): Promise<void> => {
    await p.page.locator(`.scroller .row[data-index="${index}"]`).click();
    await details().locator('vscode-button.show-elements').click();
  };

  test('not held: the note and a "Fetch again" button, reached and pressed with the keyboard', async () => {
    await showElements(FETCHED);
    await details()
      .locator('.elements-note', { hasText: /^Bytes no longer held: / })
      .waitFor();
    const fetch = details().locator('vscode-button.fetch-chunk');
    assert.equal(await fetch.textContent(), 'Fetch again');
    assert.equal(await details().locator('.element-tree').count(), 0, 'no tree yet');
    await fetch.focus();
    assert.equal(await p.page.evaluate(() => document.activeElement?.className), 'fetch-chunk');
    await p.page.keyboard.press('Enter');
    await details()
      .locator('.elements-note', {
        hasText: `Fetching fragment ${records[FETCHED].fragmentNumber} again with GetMediaForFragmentList…`,
      })
      .waitFor();
    assert.equal(await details().locator('vscode-button.fetch-chunk').count(), 0, 'the button goes while fetching');
    await untilFetches(1);
    assert.deepEqual(fetches, [{ index: FETCHED, fragmentNumber: records[FETCHED].fragmentNumber }]);
  });

  test('fetched: the tree down to a SimpleBlock, its bytes in the hex pane, offsets from 0 over the fetched length', async () => {
    release();
    const tree = details().locator('.element-tree .el-row');
    await tree.filter({ hasText: /EBML header 0x1A45DFA3 @0 / }).waitFor();
    assert.match(
      (await details().locator('.elements-note').textContent()) ?? '',
      /^Fetched again with GetMediaForFragmentList at 03:04:05 UTC: [\d,]+ bytes\. .*count from the first fetched byte \(0\)/,
    );
    await details()
      .locator('.hex .hex-address', { hasText: /^00000000$/ })
      .waitFor();
    await tree.filter({ hasText: 'Cluster 0x1F43B675' }).locator('.twisty').click();
    const block = tree.filter({ hasText: 'SimpleBlock 0xA3' }).first();
    await block.waitFor();
    const offset = Number(/@([\d,]+)/.exec((await block.textContent()) ?? '')![1].replace(/,/g, ''));
    assert.ok(offset < fetched.length, `${offset} lies in the fetched bytes`);
    await block.click();
    const first = details().locator(`.hex .byte.selected[data-offset="${offset}"]`);
    await first.waitFor();
    await p.page.waitForFunction(
      (o) => document.querySelector(`.hex .byte[data-offset="${o}"]`)?.textContent === 'a3',
      offset,
    );
    await p.shot('15-elements-fetched-again');
    await details()
      .locator('.hex')
      .evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
    await details()
      .locator(`.hex .byte[data-offset="${fetched.length - 1}"]`)
      .waitFor();
    assert.equal(
      await details().locator(`.hex .byte[data-offset="${fetched.length}"]`).count(),
      0,
      'the hex pane ends with the fetched bytes, not the row’s longer chunk',
    );
  });

  test('a fetch that fails says why, and offers to try again', async () => {
    await showElements(FAILING);
    await details().locator('vscode-button.fetch-chunk').click();
    await details()
      .locator('.elements-note', { hasText: /^Fetching fragment \d+ again/ })
      .waitFor();
    await untilFetches(2);
    release();
    const failed = details().locator('.fetch-error[role="alert"]');
    await failed.waitFor();
    assert.equal(
      await failed.textContent(),
      `Could not fetch it again: Fragment ${records[FAILING].fragmentNumber} is no longer retained (in-band 3000: Requested fragment was not found): ${RETAINED_FOR}`,
    );
    assert.match((await details().locator('.elements-note').textContent()) ?? '', /^Bytes no longer held: /);
    await details().locator('vscode-button.fetch-chunk').waitFor();
    assert.equal(await details().locator('.element-tree').count(), 0);
  });

  test('a row without a fragment number (an error chunk) says why it cannot be fetched, and has no button', async () => {
    await showElements(records.length - 2);
    await details()
      .locator('.fetch-again', { hasText: /no fragment number .* cannot be fetched again/ })
      .waitFor();
    assert.equal(await details().locator('vscode-button.fetch-chunk').count(), 0);
    assert.deepEqual(p.consoleErrors, []);
  });

  test('an in-band error row that names its fragment is not offered a fetch either (it would give the same error)', async () => {
    await showElements(records.length - 1);
    await details()
      .locator('.fetch-again', { hasText: /in-band error 3000: the service sent it instead of fragment \d+/ })
      .waitFor();
    assert.equal(await details().locator('vscode-button.fetch-chunk').count(), 0);
  });
});
