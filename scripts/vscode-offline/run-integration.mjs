// `npm run test:integration`: the extension-host mocha suites inside a real VS Code workbench served offline by
// code-server, with kvs-local seeded and temp AWS profiles. Exit code = the workbench's codeAutomationExit.
import { format } from 'node:util';
import { join } from 'node:path';
import { buildIntegration, integrationOutDir } from './build-integration.mjs';
import { startCodeServer } from './lib/code-server.mjs';
import { REPO, SECOND, setup, startKvsLocal, workDir, writeAwsFiles } from './lib/environment.mjs';
import { launchChromium } from './lib/browser.mjs';
import { run, runToExit, timer } from './lib/processes.mjs';

const TIMEOUT_MS = Number(process.env.KVS_INTEGRATION_TIMEOUT_MS ?? 600_000);
const NOISE =
  /^(INFO|TRACE|DEBUG)\b|\[(AgentHost|ChatModelSelection|AccountPolicyGate)|Failed to load resource|ENOTFOUND|open-vsx|^\s+at |github.*auth/i;
const elapsed = timer();
const step = (what) => console.error(`=== [integration +${elapsed()}s] ${what}`);

async function main() {
  step('setup (Node 24, code-server)');
  const tools = await setup();
  step('build the extension, its webviews, kvs-local and the suites');
  await run(process.execPath, [join(REPO, 'scripts/build.mjs'), '--only=extension,webview,fragments,kvs-local'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const suiteFiles = await buildIntegration();
  const dir = workDir('integration');
  step(`kvs-local (work dir ${dir})`);
  const kvsUrl = await startKvsLocal(dir);
  const awsEnv = writeAwsFiles(dir);
  step(`code-server with the smoke-test driver (${suiteFiles} suite files)`);
  const server = await startCodeServer(tools, dir, {
    name: 'tests',
    args: ['--vscode-option', 'enable-smoke-test-driver'],
    settings: { 'kvsInspector.endpoint': kvsUrl, 'kvsInspector.profile': 'kvs-local' },
  });
  const host = new URL(server.url).host;
  // Environment credentials too (the second key pair): the explorer shows them as their own entry.
  const envCredentials = {
    AWS_ACCESS_KEY_ID: SECOND.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SECOND.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
  const extensionEnv = {
    ...awsEnv,
    ...envCredentials,
    KVS_LOCAL_URL: kvsUrl,
    KVS_REPO_ROOT: REPO,
    KVS_INTEGRATION: '1',
  };
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${REPO}`],
    ['extensionTestsPath', `vscode-remote://${host}${join(integrationOutDir, 'index')}`],
    ['skipWelcome', 'true'],
    ['extensionEnvironment', JSON.stringify(extensionEnv)],
  ];
  step('workbench: running the suites');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    let finish;
    const done = new Promise((resolve) => {
      finish = resolve;
    });
    const timeout = setTimeout(() => finish({ code: 124, how: `timeout after ${TIMEOUT_MS / 1000} s` }), TIMEOUT_MS);
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      for (const line of format(...[].concat(args)).split('\n')) {
        if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code, how: 'codeAutomationExit' }));
    page.on('crash', () => finish({ code: 1, how: 'page crash' }));
    await page.goto(
      `${server.url}/?folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const result = await done;
    clearTimeout(timeout);
    step(
      `workbench finished: ${result.how}, exit code ${result.code} (logs in ${join(dir, 'logs')}, kept if it failed)`,
    );
    return Number.isInteger(result.code) ? result.code : 1;
  } finally {
    await browser.close();
  }
}

await runToExit('integration', main, step);
