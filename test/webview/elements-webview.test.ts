/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { FileBytes } from '../../src/inspector/file-bytes';
import type { ChunkRecord, ElementNode } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { openInspector, type WebviewPage } from './webview-page';

const FILE = getMediaFixture('output_get_media.mkv');
const BIG = 50 * 1024 * 1024;

describe('element tree and hex view (headless Chromium, real CSP; the test is the host, with the real FileBytes)', () => {
  let p: WebviewPage;
  let records: ChunkRecord[];
  const bytesServed: number[] = [];
  before(async () => {
    records = readAllChunks(readFileSync(FILE)).records;
    const big: ChunkRecord = { ...records[0], index: records.length, byteOffset: 0, byteLength: BIG };
    const file = new FileBytes(FILE);
    p = await openInspector({ kind: 'file', fileName: 'output_get_media.mkv', sizeBytes: 1 });
    // Answers the webview's requests as InspectorView does: elements from the file, bytes by page.
    await p.answer(async (m) => {
      if (m.type === 'elementsRequest') {
        const answer = m.index === big.index ? { elements: bigElements(), note: null } : await file.elements(m.index);
        await p.send({ type: 'elements', index: m.index, canFetch: false, ...answer });
      } else if (m.type === 'bytesRequest') {
        bytesServed.push(m.offset);
        const hex =
          m.offset >= readFileSync(FILE).length || records.every((r) => r.index !== 0)
            ? pattern(m.offset, m.length)
            : Buffer.from(await file.read(m.index, m.offset, m.length)).toString('hex');
        await p.send({ type: 'bytes', requestId: m.requestId, offset: m.offset, hex });
      }
    });
    await p.send({ type: 'records', records: [...records, big], sentAt: Date.now() });
    await p.page.locator('.scroller .row[data-index="1"]').waitFor();
  });
  after(async () => {
    await p.browser.close();
  });

  test('the tree: EBML header children, Segment, Cluster, SimpleBlocks, lazily expanded', async () => {
    await p.page.locator('.row[data-index="1"]').click();
    await p.page.locator('vscode-button.show-elements').click();
    await p.page.locator('.element-tree .el-row').first().waitFor();
    const top = await p.page.locator('.element-tree .el-row').allTextContents();
    assert.match(top[0], /EBML header 0x1A45DFA3 @\d[\d,]* header 12 size 35/);
    assert.ok(
      top.some((t) => /EBMLVersion 0x4286 .* = 1$/.test(t)),
      top.join('\n'),
    );
    assert.ok(top.some((t) => /DocType 0x4282 .* = "matroska"$/.test(t)));
    assert.ok(!top.some((t) => /SimpleBlock/.test(t)), 'the Cluster starts collapsed');
    await p.page.locator('.element-tree .el-row', { hasText: 'Cluster 0x1F43B675' }).locator('.twisty').click();
    await p.page.locator('.element-tree .el-row', { hasText: 'SimpleBlock 0xA3' }).first().waitFor();
  });

  test('selecting an element highlights its bytes; clicking a byte selects its element', async () => {
    const block = p.page.locator('.element-tree .el-row', { hasText: 'SimpleBlock 0xA3' }).first();
    const offset = Number(/@([\d,]+)/.exec((await block.textContent()) ?? '')![1].replace(/,/g, ''));
    await block.click();
    await p.page.locator(`.hex .byte.selected[data-offset="${offset}"]`).waitFor();
    const fileBytes = readFileSync(FILE);
    assert.equal(
      await p.page.locator(`.hex .byte[data-offset="${offset}"]`).textContent(),
      fileBytes[offset].toString(16).padStart(2, '0'),
    );
    assert.equal(fileBytes[offset], 0xa3);
    await p.shot('14-elements-bytes');
    // Back: the first byte of the chunk belongs to the EBML header.
    const first = records[1].byteOffset;
    await p.page.locator('.element-tree .el-row', { hasText: 'EBML header' }).click();
    await p.page.locator(`.hex .byte[data-offset="${first + 14}"]`).click();
    assert.match(
      (await p.page.locator('.element-tree .el-row.selected').textContent()) ?? '',
      new RegExp(`^ *EBMLVersion 0x4286 @${(first + 12).toLocaleString('en-US')}`),
    );
  });

  test('a 50 MB chunk: the hex view scrolls to its end, asking only for the pages in view', async () => {
    await p.page.locator(`.row[data-index="${records.length}"]`).click();
    await p.page.locator('vscode-button.show-elements').click();
    await p.page.locator('.element-tree .el-row', { hasText: 'Cluster' }).locator('.twisty').click();
    await p.page.locator('.element-tree .el-row', { hasText: 'SimpleBlock' }).waitFor();
    await p.page.locator('.hex .hex-row').first().waitFor();
    const served = bytesServed.length;
    for (const fraction of [0.25, 0.5, 0.999, 1]) {
      await p.page.locator('.hex').evaluate((el, f) => {
        el.scrollTop = f * (el.scrollHeight - el.clientHeight);
      }, fraction);
      const lastRow = BIG - 16;
      if (fraction === 1) await p.page.locator(`.hex .byte[data-offset="${lastRow + 15}"]`).waitFor();
    }
    await p.page.waitForFunction(
      (offset) => document.querySelector(`.hex .byte[data-offset="${offset}"]`)?.textContent !== '··',
      BIG - 1,
    );
    assert.equal(await p.page.locator(`.hex .byte[data-offset="${BIG - 1}"]`).textContent(), pattern(BIG - 1, 1));
    assert.ok(bytesServed.length - served < 40, `${bytesServed.length - served} pages asked for`);
    const big = p.page.locator('.element-tree .el-row', { hasText: 'SimpleBlock' });
    await big.click();
    await p.page.locator('.hex .byte.selected').first().waitFor();
  });
});

function bigElements(): ElementNode[] {
  return [
    { depth: 0, id: '0x18538067', name: 'Segment', offset: 0, headerSize: 12, size: null, value: null },
    { depth: 1, id: '0x1F43B675', name: 'Cluster', offset: 12, headerSize: 12, size: BIG - 24, value: null },
    { depth: 2, id: '0xA3', name: 'SimpleBlock', offset: 24, headerSize: 9, size: BIG - 33, value: null },
  ];
}

/** Bytes whose value is known from their offset. */
function pattern(offset: number, length: number): string {
  let hex = '';
  for (let o = offset; o < offset + length; o++) hex += ((o * 7) & 0xff).toString(16).padStart(2, '0');
  return hex;
}
