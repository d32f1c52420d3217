// `npm run bench -- fragments-timeline [count]`: ListFragments of 100,000 fragments (default) from kvs-local over
// real HTTP with the real SDK (100 pages of 1,000), the timeline analysis, the message the host posts, and the
// Fragments webview drawing it in headless Chromium. Prints each stage's time and memory, and each stage as a ratio
// of the listing itself (measured in the same run), so a slow machine shows the same proportions.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ArchiveEndpoints } from '../src/aws/archive/archive-endpoints';
import { listFragmentPages } from '../src/aws/archive/list-fragments';
import { analyzeTimeline, type FragmentInfo } from '../src/core/archive/timeline';
import { startKvsLocal } from '../kvs-local/server';
import { appendSyntheticFragments } from '../kvs-local/synthetic';
import { kvsLocalFactory, streamRef } from '../test/support/kvs-local-clients';
import { getMediaFixture } from '../test/support/paths';
import { buildWebview, FRAGMENTS_BUNDLE, openWebviewPage } from '../test/webview/webview-page';

const count = Number(process.argv[2] ?? 100_000);
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const kvs = await startKvsLocal({
    log: () => undefined,
    seeds: [{ name: 'template', file: getMediaFixture('clusters.mkv') }],
  });
  const head = kvs.store.get('template')?.fragments[0].head ?? new Uint8Array();
  // Half a second apart: 100,000 fragments span 14 hours, inside the 24-hour retention.
  appendSyntheticFragments(kvs.store, kvs.createStream('many'), head, { count, spacingMs: 500 });
  const { factory, destroy } = kvsLocalFactory(kvs);
  const endpoints = new ArchiveEndpoints(factory);
  const range = { type: 'SERVER_TIMESTAMP' as const, startMs: Date.now() - (count + 10) * 500, endMs: Date.now() };
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;

  let t = performance.now();
  const fragments: FragmentInfo[] = [];
  let pages = 0;
  for await (const page of listFragmentPages(
    endpoints,
    streamRef(kvs, 'many', false),
    range,
    new AbortController().signal,
  )) {
    pages++;
    for (const f of page) fragments.push(f);
  }
  const listMs = performance.now() - t;

  t = performance.now();
  const analysis = analyzeTimeline(fragments, { ...range, rangeStartMs: range.startMs, rangeEndMs: range.endMs });
  const analyzeMs = performance.now() - t;
  const heapHost = process.memoryUsage().heapUsed - heapBefore;

  t = performance.now();
  const message = JSON.stringify({ type: 'timeline', ...analysis });
  const serializeMs = performance.now() - t;

  buildWebview(FRAGMENTS_BUNDLE);
  const p = await openWebviewPage(FRAGMENTS_BUNDLE);
  const cdp = await p.page.context().newCDPSession(p.page);
  await cdp.send('Performance.enable');
  t = performance.now();
  await p.page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), message);
  await p.page.waitForFunction(
    (n) => (document.querySelector('.summary')?.textContent ?? '').includes(`${n} fragments`),
    fragments.length.toLocaleString('en-US'),
    { timeout: 180_000 },
  );
  await p.page.waitForFunction(() => document.querySelectorAll('.fragment-row[data-index]').length > 0, null, {
    timeout: 60_000,
  });
  await p.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const drawMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 10; i++) {
    await p.page.mouse.move(700, 300);
    await p.page.mouse.wheel(0, -300);
  }
  await p.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const zoomMs = (performance.now() - t) / 10;
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const pageHeap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  await p.browser.close();
  destroy();
  await kvs.close();

  const ratio = (ms: number): string => `${(ms / listMs).toFixed(3)}x the listing`;
  console.log(
    `fragments-timeline: ${count.toLocaleString('en-US')} fragments, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `  ListFragments       ${pages} pages in ${listMs.toFixed(0)} ms (${((count / listMs) * 1000).toFixed(0)} fragments/s)`,
  );
  console.log(`  analysis            ${analyzeMs.toFixed(0)} ms   ${ratio(analyzeMs)}; ${analysis.summary.gaps} gaps`);
  console.log(
    `  message             ${mib(message.length)} JSON in ${serializeMs.toFixed(0)} ms   ${ratio(serializeMs)}`,
  );
  console.log(
    `  webview draw        ${drawMs.toFixed(0)} ms from post to rows and timeline painted   ${ratio(drawMs)}`,
  );
  console.log(`  zoom step           ${zoomMs.toFixed(1)} ms per wheel step (timeline redraw)`);
  console.log(
    `  host heap           ${mib(heapHost)} for the fragments and their analysis (${(heapHost / count).toFixed(0)} B each)`,
  );
  console.log(`  webview heap        ${mib(pageHeap)}`);
  console.log(
    `  ${readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+\d+ kB/)?.[0] ?? ''} (host process peak RSS)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
