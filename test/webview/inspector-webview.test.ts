/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { inspectorInit, openInspector, type WebviewPage } from './webview-page';

const HOSTILE = '<img src=x onerror=alert(1)>';
const frame = (p: WebviewPage) => p.page;
declare function visibleRows(): string[];

function hostileRecord(base: ChunkRecord, index: number): ChunkRecord {
  return {
    ...base,
    index,
    tags: [
      ...base.tags,
      { name: 'CAMERA_NOTE', value: HOSTILE, depth: 0 },
      { name: '<script>alert(2)</script>', value: 'line1\nline2\u0007bell\u0000nul', depth: 1 },
      { name: 'HUGE', value: 'x'.repeat(1_000_000), depth: 0 },
    ],
  };
}

describe('inspector webview in headless Chromium under the real CSP', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  before(async () => {
    records = readAllChunks(readFileSync(getMediaFixture('test_mixed_tags.mkv'))).records;
    p = await openInspector({
      kind: 'stream',
      streamName: 'door-cam',
      profile: 'kvs-local',
      region: 'us-east-1',
      selector: 'EARLIEST',
    });
  });
  after(async () => {
    await p.browser.close();
  });

  test('rows of a real capture appear with shortened fragment numbers (full on hover), times and sizes', async () => {
    await p.send({
      type: 'stats',
      stats: {
        state: 'streaming',
        idleSeconds: 0,
        bytes: 123456,
        bytesPerSecond: 2_500_000,
        chunksPerSecond: 4,
        chunks: records.length,
        millisBehindNow: 1234,
        reconnects: 0,
        detail: null,
        canResume: true,
      },
    });
    await p.send({ type: 'records', records: records.slice(0, 5), sentAt: Date.now() });
    await p.send({
      type: 'notice',
      notice: {
        kind: 'reconnect',
        at: Date.now(),
        text: 'the connection dropped; resumed from the last continuation token',
        beforeIndex: 5,
      },
    });
    await p.send({ type: 'records', records: records.slice(5), sentAt: Date.now() });
    const rows = frame(p).locator('.scroller .row[data-index]');
    await rows.nth(records.length - 1).waitFor();
    assert.equal(await rows.count(), records.length);
    const first = rows.first().locator('.c-fragment');
    assert.equal(await first.getAttribute('title'), records[0].fragmentNumber);
    assert.ok(records[0].fragmentNumber!.endsWith((await first.textContent())!.replace('…', '')));
    assert.equal(await frame(p).locator('.row.notice-reconnect').count(), 1);
    assert.match((await frame(p).locator('.state').textContent()) ?? '', /streaming/);
    await p.shot('01-rows');
  });

  test('a resync row (unreadable bytes skipped) sits between chunks like a reconnect row', async () => {
    await p.send({
      type: 'notice',
      notice: {
        kind: 'resync',
        at: Date.now(),
        text: 'Unreadable bytes: resynced at byte 9000 after skipping 0 bytes from 9000 (byte 9003: invalid element id byte 0x00 (not an EBML id)); the chunk before is cut off',
        beforeIndex: records.length,
      },
    });
    const row = frame(p).locator('.row.notice-resync');
    await row.waitFor();
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', /⤼.*resynced at byte 9000 after skipping 0 bytes from 9000/);
  });

  test('selecting a row shows every tag, the token with Copy and Resume from here, and the byte range', async () => {
    await frame(p).locator('.scroller .row[data-index="3"]').click();
    const details = frame(p).locator('.details');
    await details.locator('.token-value').waitFor();
    assert.equal(await details.locator('.token-value').textContent(), records[3].continuationToken);
    assert.equal(await details.locator('.tag-name').count(), records[3].tags.length);
    await details.getByText('Copy token').click();
    await details.getByText('Resume from here').click();
    const posted = await p.posted();
    assert.deepEqual(
      posted.find((m) => m.type === 'copy'),
      { type: 'copy', text: records[3].continuationToken, label: 'continuation token', what: 'continuation-token' },
    );
    assert.deepEqual(
      posted.find((m) => m.type === 'resumeFrom'),
      { type: 'resumeFrom', token: records[3].continuationToken },
    );
    assert.match(
      (await details.textContent()) ?? '',
      new RegExp(
        `${records[3].byteOffset.toLocaleString('en-US')} \\+ ${records[3].byteLength.toLocaleString('en-US')}`,
      ),
    );
    await p.shot('02-details');
  });

  test('hostile tag text renders as text and runs nothing; 1 MB values are cut for display', async () => {
    await p.send({ type: 'records', records: [hostileRecord(records[0], records.length)], sentAt: Date.now() });
    await frame(p).locator(`.scroller .row[data-index="${records.length}"]`).click();
    const details = frame(p).locator('.details');
    await details.getByText(HOSTILE, { exact: true }).waitFor();
    assert.equal(await frame(p).locator('.details img, .details script').count(), 0);
    assert.equal(p.dialogs.length, 0, 'no alert fired');
    const text = (await details.textContent()) ?? '';
    assert.ok(text.includes('<script>alert(2)</script>'));
    assert.ok(text.includes('line1\u240aline2\u2407bell\u2400nul'), 'control characters are shown as symbols');
    assert.ok(text.includes('995,904 more characters'));
    await p.shot('03-hostile');
  });

  test('filter over tags and numbers, and errors only', async () => {
    const error: ChunkRecord = {
      ...records[0],
      index: records.length + 1,
      fragmentNumber: null,
      continuationToken: null,
      errorId: 4000,
      errorCode: 'REQUESTED_FRAGMENT_NOT_FOUND',
      errorMeaning: 'Requested fragment is not found.',
      tags: [],
    };
    await p.send({ type: 'records', records: [error], sentAt: Date.now() });
    await p.send({
      type: 'banner',
      banner: {
        level: 'error',
        title: 'In-band error 4000 REQUESTED_FRAGMENT_NOT_FOUND',
        meaning: 'Requested fragment is not found.',
        whatToDo: 'Start from EARLIEST or NOW.',
      },
    });
    await frame(p).locator('.row.error').waitFor();
    await frame(p).locator('.banner-title').waitFor();
    // Rows the user can see: laid out (not display:none) and inside the scroller's viewport.
    await frame(p).evaluate(() => {
      (window as unknown as { visibleRows: () => string[] }).visibleRows = () => {
        const box = document.querySelector('.scroller')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll<HTMLElement>('.scroller .row[data-index]'))
          .filter((r) => {
            const b = r.getBoundingClientRect();
            return b.height > 0 && b.bottom > box.top && b.top < box.bottom;
          })
          .map((r) => r.dataset.index!);
      };
    });
    const filter = frame(p).locator('vscode-textfield.filter input');
    await filter.fill(records[2].fragmentNumber!.slice(-6));
    await frame(p).waitForFunction(() => visibleRows().length === 1);
    assert.deepEqual(await frame(p).evaluate(() => visibleRows()), ['2']);
    await filter.fill('CAMERA_NOTE');
    await frame(p).waitForFunction((i) => visibleRows().join() === String(i), records.length);
    await p.shot('04-filter');
    await filter.fill('');
    await frame(p).locator('vscode-checkbox.errors-only').click();
    await frame(p).waitForFunction((i) => visibleRows().join() === String(i), records.length + 1);
    assert.match((await frame(p).locator('.scroller .row.error:visible').textContent()) ?? '', /ERROR 4000/);
    await p.shot('05-errors-only');
    await frame(p).locator('vscode-checkbox.errors-only').click();
    await frame(p).waitForFunction((n) => visibleRows().length === n, records.length + 2);
  });

  test('a capture file has no Stop, Resume or Save capture (nothing to stream), and names the file', async () => {
    await p.send(inspectorInit({ kind: 'file', fileName: 'door.mkv', sizeBytes: 3_500_000 }));
    await frame(p).locator('.title', { hasText: 'door.mkv · 3.34 MiB' }).waitFor();
    for (const label of ['Stop', 'Resume', 'Save capture…'])
      assert.equal(await frame(p).locator('header vscode-button:visible', { hasText: label }).count(), 0, label);
    assert.equal(await frame(p).locator('header vscode-button:visible', { hasText: 'Clear' }).count(), 1);
  });

  test('100,000 rows: the DOM holds only the rows in view, follow-tail pauses when scrolled up, the cap drops the oldest with a count', async () => {
    await p.send({ type: 'cleared' });
    await p.send(
      inspectorInit(
        { kind: 'stream', streamName: 'busy', profile: 'kvs-local', region: 'us-east-1', selector: 'NOW' },
        { rowCap: 90_000 },
      ),
    );
    const base = records[1];
    const started = Date.now();
    // Records are cloned in the page: Playwright's transfer of 150 MB of JSON would measure the harness, not the webview.
    await frame(p).evaluate(async (template) => {
      for (let batch = 0; batch < 100; batch++) {
        const many = Array.from({ length: 1000 }, (_, i) => ({
          ...template,
          index: batch * 1000 + i,
          fragmentNumber: `9134385233318143239268206260774392014680${String(batch * 1000 + i).padStart(7, '0')}`,
          millisBehindNow: (batch * 1000 + i) % 5000,
        }));
        window.postMessage({ type: 'records', records: many, sentAt: Date.now() }, '*');
        await new Promise((r) => setTimeout(r, 0));
      }
    }, base);
    await frame(p).locator('.scroller .row[data-index="99999"]').waitFor();
    const elapsed = Date.now() - started;
    const domRows = await frame(p).locator('.scroller .row').count();
    assert.ok(domRows < 120, `${domRows} row elements for 100,000 rows`);
    assert.match(
      (await frame(p).locator('.dropped').textContent()) ?? '',
      /10,000 oldest chunks dropped to keep 90,000 rows/,
    );
    await frame(p)
      .locator('.scroller')
      .evaluate((el) => {
        el.scrollTop = 1000 * 22;
      });
    await frame(p).locator('.scroller .row[data-index="11000"]').waitFor();
    await p.send({ type: 'records', records: [{ ...base, index: 100_000 }], sentAt: Date.now() });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(
      await frame(p)
        .locator('.scroller')
        .evaluate((el) => el.scrollTop),
      1000 * 22,
      'no jump while the user looks at old rows',
    );
    assert.equal(await frame(p).locator('vscode-button', { hasText: 'Follow tail' }).count(), 1);
    await p.shot('06-100k-scrolled');
    await frame(p).locator('vscode-button', { hasText: 'Follow tail' }).click();
    await frame(p).locator('.scroller .row[data-index="100000"]').waitFor();
    console.log(`100,000 rows in 100 messages rendered in ${elapsed} ms; ${domRows} row elements in the DOM`);
    assert.deepEqual(p.consoleErrors, []);
  });
});
