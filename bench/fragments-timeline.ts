// `npm run bench -- fragments-timeline [count]`: ListFragments of 100,000 fragments (default) from kvs-local over
// real HTTP with the real SDK (100 pages of 1,000), the timeline analysis, the message the host posts, and the
// Fragments webview drawing it in headless Chromium. Prints each stage's time and memory, and each stage as a ratio
// of the listing itself (measured in the same run), so a slow machine shows the same proportions. `--profile` adds
// the webview's draw by self time per function (the DevTools protocol's sampling profiler).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ArchiveEndpoints } from '../src/aws/archive/archive-endpoints';
import { listFragmentPages } from '../src/aws/archive/list-fragments';
import { analyzeTimeline, type FragmentInfo } from '../src/core/archive/timeline';
import { timelineColumns } from '../src/core/archive/timeline-columns';
import { startKvsLocal } from '../kvs-local/server';
import { appendSyntheticFragments } from '../kvs-local/synthetic';
import { kvsLocalFactory, streamRef } from '../test/support/kvs-local-clients';
import { getMediaFixture } from '../test/support/paths';
import { buildWebview, FRAGMENTS_BUNDLE, openWebviewPage } from '../test/webview/webview-page';

const count = Number(process.argv[2] ?? 100_000);
const profile = process.argv.includes('--profile');
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
  const message = JSON.stringify({ type: 'timeline', ...timelineColumns(analysis, range.type) });
  const serializeMs = performance.now() - t;

  buildWebview(FRAGMENTS_BUNDLE);
  const p = await openWebviewPage(FRAGMENTS_BUNDLE);
  const cdp = await p.page.context().newCDPSession(p.page);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  t = performance.now();
  const arrivedAt = await p.page.evaluate((json) => {
    const at = performance.now();
    window.postMessage(JSON.parse(json), '*');
    return at;
  }, message);
  await p.page.waitForFunction(
    (n) => (document.querySelector('.summary')?.textContent ?? '').includes(`${n} fragments`),
    fragments.length.toLocaleString('en-US'),
    { timeout: 180_000 },
  );
  await p.page.waitForFunction(() => document.querySelectorAll('.fragment-row[data-index]').length > 0, null, {
    timeout: 60_000,
  });
  const paintedAt = await p.page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
      ),
  );
  const drawMs = performance.now() - t;
  const inPageMs = paintedAt - arrivedAt;
  const drawProfile = profile ? (await cdp.send('Profiler.stop')).profile : null;
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
  console.log(
    `    of which          ${(drawMs - inPageMs).toFixed(0)} ms carrying the JSON text into the page (the DevTools channel), ${inPageMs.toFixed(0)} ms in the page (parse, clone, check, draw)`,
  );
  console.log(`  zoom step           ${zoomMs.toFixed(1)} ms per wheel step (timeline redraw)`);
  console.log(
    `  host heap           ${mib(heapHost)} for the fragments and their analysis (${(heapHost / count).toFixed(0)} B each)`,
  );
  console.log(`  webview heap        ${mib(pageHeap)}`);
  if (drawProfile) printProfile(drawProfile);
  console.log(
    `  ${readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+\d+ kB/)?.[0] ?? ''} (host process peak RSS)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
    children?: number[];
  }>;
  samples?: number[];
  timeDeltas?: number[];
}

/** The webview's draw by self time per function (`--profile`), from the DevTools protocol's sampling profiler. */
function printProfile(p: CpuProfile): void {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const n = byNode.get(samples[i]);
    if (!n) continue;
    const us = deltas[i + 1] ?? 0;
    total += us;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  console.log(`  profile of the draw, ${(total / 1000).toFixed(0)} ms sampled, top self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(
      `    ${(us / 1000).toFixed(0).padStart(6)} ms  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
}
