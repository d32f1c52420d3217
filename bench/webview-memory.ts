// `npm run bench -- webview-memory [--rows=50000] [--tag-kib=0]`: the inspector webview's JavaScript heap in headless Chromium
// (/usr/bin/chromium, the real bundle under the real CSP) before any row and after `rows` rows arrived the way the
// host posts them (batches of real records from test_mixed_tags.mkv, renumbered), measured with the DevTools
// protocol after a forced GC (HeapProfiler.collectGarbage, Runtime.getHeapUsage). Skips cleanly without Chromium.
// --tag-kib=64 gives every record a producer tag of that many KiB of text (the most the reader keeps per record):
// the row store's size budget, not the row cap, must then bound the heap.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { readAllChunks } from '../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../src/protocol';
import { getMediaFixture } from '../test/support/paths';
import { openInspector, type WebviewPage } from '../test/webview/webview-page';

const MB = 1e6;
const BATCH = 500;
const BUDGET_MB = 150;
/** With large tags: the row store's 256 MiB estimate (two bytes a character) plus the empty page. */
const TAG_BUDGET_MB = 300;
const option = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

async function heapUsed(p: WebviewPage): Promise<number> {
  const cdp = await p.page.context().newCDPSession(p.page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function lastRendered(p: WebviewPage): Promise<number> {
  const posted = await p.posted();
  return posted.reduce((max, m) => (m.type === 'rendered' ? Math.max(max, m.lastIndex) : max), -1);
}

async function main(): Promise<void> {
  const { chromiumPath } = await import('../scripts/vscode-offline/lib/browser.mjs');
  if (!existsSync(chromiumPath)) {
    console.log(`webview-memory: skipped, ${chromiumPath} is not installed`);
    return;
  }
  const rows = option('rows', 50_000);
  const tagChars = option('tag-kib', 0) * 1024;
  const samples = readAllChunks(readFileSync(getMediaFixture('test_mixed_tags.mkv'))).records;
  const p = await openInspector({
    kind: 'stream',
    streamName: 'bench',
    profile: 'bench',
    region: 'us-east-1',
    selector: 'EARLIEST',
  });
  try {
    const before = await heapUsed(p);
    for (let from = 0; from < rows; from += BATCH) {
      const records: ChunkRecord[] = [];
      for (let i = from; i < Math.min(rows, from + BATCH); i++) {
        const base = samples[i % samples.length];
        const tags = tagChars
          ? [...base.tags, { ...base.tags[0], name: 'producer-notes', value: `${i} `.padEnd(tagChars, 'x') }]
          : base.tags;
        records.push({ ...base, index: i, byteOffset: i * base.byteLength, tags });
      }
      await p.send({ type: 'records', records, sentAt: Date.now() });
    }
    while ((await lastRendered(p)) < rows - 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await heapUsed(p);
    const kept = await p.page.evaluate(() => document.querySelector('.dropped')?.textContent ?? '');
    const budget = tagChars ? TAG_BUDGET_MB : BUDGET_MB;
    if (tagChars) console.log(`rows with ${tagChars / 1024} KiB of tag text each: ${kept || 'none dropped'}`);
    console.log(
      `webview heap: ${(before / MB).toFixed(1)} MB with no rows -> ${(after / MB).toFixed(1)} MB with ${rows} rows (+${((after - before) / MB).toFixed(1)} MB, ${((after - before) / rows).toFixed(0)} bytes a row); budget < ${budget} MB: ${after < budget * MB ? 'met' : 'MISSED'}; load average ${loadavg()[0].toFixed(2)}`,
    );
    if (p.consoleErrors.length) console.log(`webview console errors: ${p.consoleErrors.slice(0, 3).join(' | ')}`);
  } finally {
    await p.browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
