// `npm run screenshots`: takes the pictures in docs/images that README.md and MARKETPLACE.md show, with the e2e
// harness (the packaged .vsix in code-server, kvs-local with its live stream, Debian's Chromium) running the journey
// test/e2e/docs-images.shots.ts. Each picture is reduced to 256 colours (ffmpeg) and must stay under 250 KB; the
// raw screenshots stay in test-results/screenshots/. Not part of npm test.
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launchChromium } from './vscode-offline/lib/browser.mjs';
import { REPO } from './vscode-offline/lib/environment.mjs';
import { startJourneyWorkbench } from './vscode-offline/lib/journey-workbench.mjs';
import { loadJourneys, runJourney } from './vscode-offline/lib/journeys.mjs';
import { run, runToExit, timer } from './vscode-offline/lib/processes.mjs';

const elapsed = timer();
const step = (what) => console.error(`=== [screenshots +${elapsed()}s] ${what}`);
const RESULTS = join(REPO, 'test-results/screenshots');
const IMAGES = join(REPO, 'docs/images');
const MAX_BYTES = 250 * 1024;

const SETTINGS = {
  // The editor alone: no empty secondary side bar beside it.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The colouring rules the pictures show (filter-and-colours.png names them in its alt text).
  'kvsInspector.colorRules': [
    { filter: 'duration < 1000', color: 'red' },
    { filter: 'behind > 5000', color: 'yellow' },
    { filter: 'bitrate > 525000', color: 'blue' },
  ],
};

/** 256 colours, no dithering: a screenshot of the workbench reads the same at about half the bytes. */
async function reduceColours(from, to) {
  const palette = 'split[a][b];[a]palettegen=max_colors=256:stats_mode=full[p];[b][p]paletteuse=dither=none';
  await run('ffmpeg', ['-v', 'error', '-y', '-i', from, '-filter_complex', palette, to]);
}

async function main() {
  const { kvsUrl, awsEnv, workbenchUrl } = await startJourneyWorkbench({
    name: 'screenshots',
    step,
    settings: SETTINGS,
  });
  const [journey] = await loadJourneys([join(REPO, 'test/e2e/docs-images.shots.ts')]);
  step(`journey ${journey.name} (${journey.steps.length} steps)`);
  const browser = await launchChromium();
  let results;
  try {
    results = await runJourney(browser, journey, { workbenchUrl, kvsUrl, awsEnv }, { resultsDir: RESULTS });
  } finally {
    await browser.close();
  }
  if (results.some((r) => r.status !== 'passed')) {
    console.log('screenshots: a step failed; docs/images is unchanged');
    return 1;
  }
  let tooBig = 0;
  for (const r of results.filter((r) => r.image)) {
    const image = join(IMAGES, r.image);
    await reduceColours(r.screenshot, image);
    const size = statSync(image).size;
    if (size > MAX_BYTES) tooBig++;
    console.log(`  ${relative(REPO, image)}: ${Math.round(size / 1024)} KB${size > MAX_BYTES ? ' (too big)' : ''}`);
  }
  console.log(`screenshots: ${results.filter((r) => r.image).length} pictures in docs/images`);
  return tooBig === 0 ? 0 : 1;
}

await runToExit('screenshots', main, step);
