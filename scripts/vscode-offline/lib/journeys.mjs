// Journeys (test/e2e/journey.ts) bundled with esbuild and run step by step in a browser page, a screenshot after
// every step: `npm run test:e2e` runs the *.e2e.ts files, `npm run screenshots` the docs' journey.
import * as esbuild from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { TEST_BUNDLE } from '../../lib/test-bundle.mjs';
import { REPO } from './environment.mjs';

const DEFAULT_VIEWPORT = { width: 1400, height: 900 };

/** Bundles the journey files (TypeScript, importing test/e2e helpers) and returns each file's `journey` export. */
export async function loadJourneys(files) {
  // One folder per run: engineers sharing a checkout may run the suites at the same time.
  const outdir = join(REPO, 'out/e2e', `run-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
  await esbuild.build({ ...TEST_BUNDLE, entryPoints: files, outdir, outbase: REPO, external: ['playwright-core'] });
  const require = createRequire(import.meta.url);
  return files.map((f) => {
    const { journey } = require(join(outdir, relative(REPO, f).replace(/\.ts$/, '.js')));
    if (!journey?.name || !Array.isArray(journey.steps))
      throw new Error(`${f} does not export a journey { name, steps }`);
    return journey;
  });
}

const fileName = (i, step) =>
  `${String(i + 1).padStart(2, '0')}-${step.name
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}.png`;

/**
 * Runs a journey's steps in a new browser context (its `viewport`, clipboard granted), saving a screenshot after
 * each in `resultsDir/<journey>/`. The first failing step ends the journey; it returns one result per step (a
 * passed step's result names its `image`, if it has one).
 */
export async function runJourney(browser, journey, context, { resultsDir }) {
  const dir = join(resultsDir, journey.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const browserContext = await browser.newContext({ viewport: journey.viewport ?? DEFAULT_VIEWPORT });
  await browserContext.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(context.workbenchUrl).origin,
  });
  const page = await browserContext.newPage();
  page.on('pageerror', (e) => console.log(`  [${journey.name}] pageerror: ${e.message}`));
  const results = [];
  let failedAt = -1;
  for (const [i, s] of journey.steps.entries()) {
    const shot = join(dir, fileName(i, s));
    if (failedAt >= 0) {
      results.push({ step: s.name, status: 'not run' });
      continue;
    }
    const t0 = Date.now();
    try {
      await s.run({ ...context, page, log: (m) => console.log(`    ${m}`) });
      await page.screenshot({ path: shot });
      const seconds = (Date.now() - t0) / 1000;
      results.push({ step: s.name, status: 'passed', seconds, screenshot: shot, ...(s.image && { image: s.image }) });
      console.log(`  ✔ ${journey.name}: ${s.name} (${seconds.toFixed(1)} s)`);
    } catch (error) {
      failedAt = i;
      results.push(await failed(page, journey, s, shot, error));
    }
  }
  await browserContext.close();
  return results;
}

async function failed(page, journey, s, shot, error) {
  const failShot = shot.replace(/\.png$/, '-FAILED.png');
  await page.screenshot({ path: failShot }).catch(() => undefined);
  const rows = await page
    .evaluate("[...document.querySelectorAll('[role=treeitem]')].map((e) => e.getAttribute('aria-label'))")
    .catch(() => []);
  if (rows.length)
    console.log(
      `      tree rows on screen: ${rows
        .slice(0, 30)
        .map((r) => JSON.stringify(r))
        .join(', ')}`,
    );
  console.log(
    `  ✖ ${journey.name}: ${s.name}\n      ${String(error?.message ?? error)
      .split('\n')
      .join('\n      ')}\n      screenshot: ${failShot}`,
  );
  return { step: s.name, status: 'failed', error: String(error?.message ?? error), screenshot: failShot };
}
