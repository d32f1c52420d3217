// The workbench journeys run in: the packaged .vsix (npm run package) installed by --install-extension into a
// code-server WITHOUT the smoke-test driver (toasts and dialogs behave as for users), kvs-local with the test streams
// and a live one, and AWS files with the kvs-local profile. The AWS env is given to the server process, which the
// extension host inherits.
import { join } from 'node:path';
import { installExtension, startCodeServer } from './code-server.mjs';
import { e2eStreamArgs, REPO, setup, startKvsLocal, workDir, writeAwsFiles } from './environment.mjs';
import { run } from './processes.mjs';

/**
 * Prepares the machine, packages the extension, starts kvs-local and code-server (user settings: the kvs-local
 * endpoint and profile, a dark theme, then `settings`). Resolves with what journeys and runners need.
 */
export async function startJourneyWorkbench({ name, step, settings = {} }) {
  step('setup (Node 24, code-server)');
  const tools = await setup();
  step('package the extension (npm run package)');
  const vsix = join(REPO, 'kvs-inspector.vsix');
  await run('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  await run(process.execPath, [join(REPO, 'scripts/build.mjs'), '--only=kvs-local'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const dir = workDir(name);
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
      ...settings,
    },
  });
  const workbenchUrl = `${server.url}/?folder=${encodeURIComponent(server.workspace)}`;
  return { tools, dir, kvsUrl, awsEnv, server, workbenchUrl };
}
