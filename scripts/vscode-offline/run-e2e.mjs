// `npm run test:e2e`: user journeys (test/e2e/**/*.e2e.ts, found by glob) in a real browser on a real workbench
// (code-server WITHOUT the smoke-test driver, so toasts and dialogs behave as for users), with the packaged .vsix
// installed by --install-extension: a file missing from the package or an unbundled dependency fails here.
// Screenshots after every step go to test-results/e2e/<journey>/. Last line: "e2e: N passed, N failed" (steps).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { installExtension, startCodeServer } from './lib/code-server.mjs';
import { e2eStreamArgs, GOOD, REPO, SECOND, setup, startKvsLocal, workDir, writeAwsFiles } from './lib/environment.mjs';
import { launchChromium } from './lib/browser.mjs';
import { run, runToExit, timer } from './lib/processes.mjs';
import { TEST_BUNDLE } from '../lib/test-bundle.mjs';

const elapsed = timer();
const step = (what) => console.error(`=== [e2e +${elapsed()}s] ${what}`);
const RESULTS = join(REPO, 'test-results/e2e');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.e2e.ts') ? [join(dir, e.name)] : [],
  );
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

async function loadJourneys() {
  const files = walk(join(REPO, 'test/e2e'))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .sort();
  if (files.length === 0) throw new Error(`no test/e2e/**/*.e2e.ts matches ${filters.join(' ')}`);
  // One folder per run: engineers sharing a checkout may run the suites at the same time.
  const outdir = join(REPO, 'out/e2e', `run-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
  await esbuild.build({
    ...TEST_BUNDLE,
    entryPoints: files,
    outdir,
    outbase: join(REPO, 'test/e2e'),
    external: ['playwright-core'],
  });
  const require = createRequire(import.meta.url);
  return files.map((f) => {
    const built = join(outdir, f.slice(join(REPO, 'test/e2e').length + 1).replace(/\.ts$/, '.js'));
    const { journey } = require(built);
    if (!journey?.name || !Array.isArray(journey.steps))
      throw new Error(`${f} does not export a journey { name, steps }`);
    return journey;
  });
}

async function runJourney(browser, journey, context) {
  const dir = join(RESULTS, journey.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const browserContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await browserContext.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(context.workbenchUrl).origin,
  });
  const page = await browserContext.newPage();
  page.on('pageerror', (e) => console.log(`  [${journey.name}] pageerror: ${e.message}`));
  const results = [];
  let failedAt = -1;
  for (const [i, s] of journey.steps.entries()) {
    const shot = join(
      dir,
      `${String(i + 1).padStart(2, '0')}-${s.name
        .replace(/[^a-z0-9]+/gi, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}.png`,
    );
    if (failedAt >= 0) {
      results.push({ step: s.name, status: 'not run' });
      continue;
    }
    const t0 = Date.now();
    try {
      await s.run({ ...context, page, log: (m) => console.log(`    ${m}`) });
      await page.screenshot({ path: shot });
      results.push({ step: s.name, status: 'passed', seconds: (Date.now() - t0) / 1000, screenshot: shot });
      console.log(`  ✔ ${journey.name}: ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failedAt = i;
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
      results.push({ step: s.name, status: 'failed', error: String(error?.message ?? error), screenshot: failShot });
      console.log(
        `  ✖ ${journey.name}: ${s.name}\n      ${String(error?.message ?? error)
          .split('\n')
          .join('\n      ')}\n      screenshot: ${failShot}`,
      );
    }
  }
  await browserContext.close();
  return results;
}

/** The extension's "KVS Inspector" log after the journeys: kept as an artifact, and it must name no secret. */
function checkCallLog(userDir) {
  const name = 'the "KVS Inspector" log records the AWS calls and names no secret';
  const logs = existsSync(join(userDir, 'logs'))
    ? walkAll(join(userDir, 'logs')).filter((f) => f.endsWith('KVS Inspector.log'))
    : [];
  if (logs.length === 0) return fail('no "KVS Inspector.log" under the user data dir');
  const text = logs.map((f) => readFileSync(f, 'utf8')).join('\n');
  copyFileSync(logs[0], join(RESULTS, 'kvs-inspector.log'));
  const secrets = [GOOD.secretAccessKey, SECOND.secretAccessKey, 'not-the-right-secret'].filter((secret) =>
    text.includes(secret),
  );
  if (secrets.length) return fail(`the log contains ${secrets.length} secret(s)`);
  if (!/ListStreams 200 \d+ ms request \S+/.test(text) || !/ListStreams 403 .*InvalidSignatureException/.test(text)) {
    return fail('the log lacks a ListStreams 200 line with a request id or the 403 of the wrong secret');
  }
  console.log(`  ✔ log: ${name}`);
  return { step: name, status: 'passed', log: join(RESULTS, 'kvs-inspector.log') };
  function fail(why) {
    console.log(`  ✖ log: ${name}\n      ${why}`);
    return { step: name, status: 'failed', error: why };
  }
}

function walkAll(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walkAll(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * The workbench of journeys marked `workbench: 'no-aws'`: a second code-server (same installed .vsix) whose extension
 * host finds no AWS profile, no AWS environment credentials and no endpoint setting: a first-time user's machine.
 */
async function noAwsWorkbench(tools, dir) {
  const nowhere = join(dir, 'no-aws-files'); // never created
  const server = await startCodeServer(tools, dir, {
    name: 'no-aws',
    env: {
      AWS_CONFIG_FILE: join(nowhere, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
      AWS_PROFILE: '',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });
  return `${server.url}/?folder=${encodeURIComponent(server.workspace)}`;
}

async function main() {
  step('setup (Node 24, code-server)');
  const tools = await setup();
  step('package the extension (npm run package)');
  const vsix = join(REPO, 'kvs-inspector.vsix');
  await run('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  await run(process.execPath, [join(REPO, 'scripts/build.mjs'), '--only=kvs-local'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const journeys = await loadJourneys();
  const dir = workDir('e2e');
  step(`kvs-local (work dir ${dir})`);
  const kvsUrl = await startKvsLocal(dir, e2eStreamArgs());
  const awsEnv = writeAwsFiles(dir);
  step('install the .vsix into code-server');
  await installExtension(tools, dir, vsix);
  step('code-server (no test driver), AWS env on the server process: the extension host inherits it');
  const server = await startCodeServer(tools, dir, {
    name: 'ui',
    env: awsEnv,
    settings: {
      'kvsInspector.endpoint': kvsUrl,
      'kvsInspector.profile': 'kvs-local',
      'workbench.colorTheme': 'Default Dark Modern',
    },
  });
  mkdirSync(RESULTS, { recursive: true });
  const workbenchUrl = `${server.url}/?folder=${encodeURIComponent(server.workspace)}`;
  const browser = await launchChromium();
  const all = [];
  let noAwsUrl;
  try {
    for (const journey of journeys) {
      step(`journey ${journey.name} (${journey.steps.length} steps)`);
      const t0 = Date.now();
      const url = journey.workbench === 'no-aws' ? (noAwsUrl ??= await noAwsWorkbench(tools, dir)) : workbenchUrl;
      const results = await runJourney(browser, journey, { workbenchUrl: url, kvsUrl, awsEnv });
      all.push({ journey: journey.name, seconds: (Date.now() - t0) / 1000, results });
    }
  } finally {
    await browser.close();
  }
  // The log check reads the calls the explorer journey makes (its ListStreams 200 and the wrong secret's 403).
  if (journeys.some((j) => j.name === 'explorer'))
    all.push({ journey: 'log', seconds: 0, results: [checkCallLog(server.userDir)] });
  writeFileSync(join(RESULTS, 'results.json'), JSON.stringify(all, null, 2));
  const steps = all.flatMap((j) => j.results);
  const passed = steps.filter((r) => r.status === 'passed').length;
  const failed = steps.length - passed;
  step(`done: screenshots and results.json in ${RESULTS}; server logs in ${join(dir, 'logs')} (kept if a step failed)`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

await runToExit('e2e', main, step);
