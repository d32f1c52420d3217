// `npm run test:vscode`: the same out/integration suites under @vscode/test-electron, for machines with internet
// (it downloads a desktop VS Code; nothing here can, so CI uses `npm run test:integration` instead).
// Same kvs-local, AWS profiles and settings as the offline workbench run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegration, integrationOutDir } from './build-integration.mjs';
import { REPO, SECOND, startKvsLocal, workDir, writeAwsFiles } from './lib/environment.mjs';
import { killAll, run } from './lib/processes.mjs';

let code = 1;
try {
  await run(process.execPath, [join(REPO, 'scripts/build.mjs'), '--only=extension,webview,fragments,kvs-local'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await buildIntegration();
  const dir = workDir('test-electron');
  const kvsUrl = await startKvsLocal(dir);
  const awsEnv = writeAwsFiles(dir);
  const userDir = join(dir, 'user-data');
  mkdirSync(join(userDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'kvsInspector.endpoint': kvsUrl,
        'kvsInspector.profile': 'kvs-local',
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
      },
      null,
      2,
    ),
  );
  mkdirSync(join(dir, 'workspace'), { recursive: true });
  code = await runTests({
    version: process.env.KVS_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(integrationOutDir, 'index'),
    extensionTestsEnv: {
      ...awsEnv,
      AWS_ACCESS_KEY_ID: SECOND.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SECOND.secretAccessKey,
      AWS_REGION: 'us-east-1',
      KVS_LOCAL_URL: kvsUrl,
      KVS_REPO_ROOT: REPO,
      KVS_INTEGRATION: '1',
    },
    launchArgs: [
      join(dir, 'workspace'),
      '--user-data-dir',
      userDir,
      '--extensions-dir',
      join(dir, 'extensions'),
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (error) {
  console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await killAll();
}
process.exit(code);
