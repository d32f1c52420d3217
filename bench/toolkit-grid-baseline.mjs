// Why the inspector does not use @vscode/webview-ui-toolkit's data grid: it renders every row.
// Loads the toolkit (bench-only devDependency) in Debian's headless Chromium, fills a vscode-data-grid
// with N rows shaped like inspector rows, and prints the rows and DOM elements it creates, the time to
// render and the JS heap. `node bench/toolkit-grid-baseline.mjs [N...]` (default 1000 10000 50000).
/* global document, customElements, requestAnimationFrame -- these callbacks run inside the page */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchChromium } from '../scripts/vscode-offline/lib/browser.mjs';

const require = createRequire(import.meta.url);
const toolkit = readFileSync(require.resolve('@vscode/webview-ui-toolkit/dist/toolkit.min.js'), 'utf8');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const counts = sizes.length ? sizes : [1000, 10000, 50000];

// Without it performance.memory reports coarse, bucketed sizes.
const browser = await launchChromium(['--enable-precise-memory-info']);
console.log('| rows | grid rows in DOM | DOM elements (light + shadow) | render ms | JS heap MB |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const n of counts) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.setContent(
    '<!doctype html><html><body><vscode-data-grid id="g" style="height:600px;overflow:auto"></vscode-data-grid></body></html>',
  );
  await page.addScriptTag({ content: toolkit, type: 'module' });
  await page.waitForFunction(() => customElements.get('vscode-data-grid') !== undefined);
  const result = await page.evaluate(async (rowCount) => {
    const grid = document.getElementById('g');
    const rows = Array.from({ length: rowCount }, (_, i) => ({
      index: String(i),
      fragment: `9134385233318143239268206260774392014626484${String(i).padStart(4, '0')}`,
      server: '2017-11-28T06:55:09.126Z',
      behind: String(7300000 + i),
      frames: '60',
      bytes: '500000',
    }));
    const t0 = performance.now();
    grid.rowsData = rows;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 0));
    const ms = performance.now() - t0;
    const countAll = (root) => {
      let c = 0;
      for (const el of root.querySelectorAll('*')) {
        c++;
        if (el.shadowRoot) c += countAll(el.shadowRoot);
      }
      return c;
    };
    return {
      gridRows: grid.querySelectorAll('vscode-data-grid-row').length,
      elements: countAll(document),
      ms,
      heap: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : NaN,
    };
  }, n);
  console.log(
    `| ${n} | ${result.gridRows} | ${result.elements} | ${result.ms.toFixed(0)} | ${result.heap.toFixed(1)} |`,
  );
  await page.close();
}
await browser.close();
