// `npm run test:e2e`: user journeys (test/e2e/**/*.e2e.ts, found by glob) in a real browser on a real workbench
// (code-server WITHOUT the smoke-test driver, so toasts and dialogs behave as for users), with the packaged .vsix
// installed by --install-extension: a file missing from the package or an unbundled dependency fails here.
// Screenshots after every step go to test-results/e2e/<journey>/. Last line: "e2e: N passed, N failed" (steps).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from './lib/code-server.mjs';
import { GOOD, REPO, SECOND } from './lib/environment.mjs';
import { launchChromium } from './lib/browser.mjs';
import { startJourneyWorkbench } from './lib/journey-workbench.mjs';
import { loadJourneys, runJourney } from './lib/journeys.mjs';
import { runToExit, timer } from './lib/processes.mjs';

const elapsed = timer();
const step = (what) => console.error(`=== [e2e +${elapsed()}s] ${what}`);
const RESULTS = join(REPO, 'test-results/e2e');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.e2e.ts') ? [join(dir, e.name)] : [],
  );
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function journeyFiles() {
  const files = walk(join(REPO, 'test/e2e'))
    .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
    .sort();
  if (files.length === 0) throw new Error(`no test/e2e/**/*.e2e.ts matches ${filters.join(' ')}`);
  return files;
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
  const files = journeyFiles();
  const { tools, dir, kvsUrl, awsEnv, server, workbenchUrl } = await startJourneyWorkbench({ name: 'e2e', step });
  const journeys = await loadJourneys(files);
  mkdirSync(RESULTS, { recursive: true });
  const browser = await launchChromium();
  const all = [];
  let noAwsUrl;
  try {
    for (const journey of journeys) {
      step(`journey ${journey.name} (${journey.steps.length} steps)`);
      const t0 = Date.now();
      const url = journey.workbench === 'no-aws' ? (noAwsUrl ??= await noAwsWorkbench(tools, dir)) : workbenchUrl;
      const results = await runJourney(
        browser,
        journey,
        { workbenchUrl: url, kvsUrl, awsEnv },
        { resultsDir: RESULTS },
      );
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
