// `npm run demo`: KVS Inspector on the embedded default, no AWS account needed. First the prepare step (setup.sh:
// Debian packages, Node 24 and code-server, installed once into the cache). Then starts kvs-local with streams
// seeded from the real captures in test/fixtures, one live looping stream and one answering an in-band error;
// packages the .vsix and installs it into an offline VS Code workbench on 127.0.0.1 whose settings point
// kvsInspector.endpoint at kvs-local with a demo profile; prints the URL. `-- --code` opens your desktop
// VS Code (when `code` is on PATH) on the same kvs-local instead. Ctrl-C stops everything it started and removes
// its /tmp/kvs-demo-* work folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_DEMO_STREAMS, archiveDemoArgs } from './archive-demo.mjs';
import { installExtension, startCodeServer } from './vscode-offline/lib/code-server.mjs';
import { GOOD, REPO, setup, startKvsLocal, workDir } from './vscode-offline/lib/environment.mjs';
import { killAll, run, spawnGroup, timer } from './vscode-offline/lib/processes.mjs';

const DEMO_PROFILE = 'kvs-demo';
const fixture = (name) => join(REPO, 'test/fixtures/getmedia', name);
/** Stream name → real capture; each becomes past fragments, as if a producer had put them. */
const SEEDED = {
  'front-door': fixture('output_get_media.mkv'),
  'renderer-example': fixture('kinesis_video_renderer_example_output.mkv'),
  'timecode-reset': fixture('output-get-media-non-increasing-timecode.mkv'),
  'sparse-fragments': fixture('output_get_media_sparse_fragments.mkv'),
  'producer-tags': fixture('test_mixed_tags.mkv'),
};
const LIVE = { 'live-camera': join(REPO, 'test/fixtures/producer-sdk/test-stream-1_0.mkv') };
const ERROR_STREAM = { name: 'kms-denied', errorId: 4500 };

const elapsed = timer();
const step = (what) => console.error(`=== [demo +${elapsed()}s] ${what}`);
const useDesktopCode = process.argv.includes('--code');

function demoStreamArgs() {
  const args = [];
  for (const [name, file] of Object.entries(SEEDED)) args.push('--seed', `${name}=${file}`);
  for (const [name, file] of Object.entries(LIVE)) args.push('--live', `${name}=${file}`);
  args.push(
    '--seed',
    `${ERROR_STREAM.name}=${SEEDED['front-door']}`,
    '--fault',
    `${ERROR_STREAM.name}:error=${ERROR_STREAM.errorId}`,
    ...archiveDemoArgs(REPO),
  );
  return args;
}

/** A demo profile holding kvs-local's key pair, in files of the demo's own (your ~/.aws is never touched). */
function writeDemoAwsFiles(dir) {
  const aws = join(dir, 'aws');
  mkdirSync(aws, { recursive: true });
  writeFileSync(join(aws, 'config'), `[profile ${DEMO_PROFILE}]\nregion = us-east-1\n`);
  writeFileSync(
    join(aws, 'credentials'),
    `[${DEMO_PROFILE}]\naws_access_key_id = ${GOOD.accessKeyId}\naws_secret_access_key = ${GOOD.secretAccessKey}\n`,
  );
  return {
    AWS_CONFIG_FILE: join(aws, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
    AWS_PROFILE: DEMO_PROFILE,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

const settingsFor = (kvsUrl) => ({ 'kvsInspector.endpoint': kvsUrl, 'kvsInspector.profile': DEMO_PROFILE });

async function openDesktopCode(dir, vsix, kvsUrl, awsEnv) {
  const userDir = join(dir, 'code-user');
  const extensionsDir = join(dir, 'code-extensions');
  mkdirSync(join(userDir, 'User'), { recursive: true });
  writeFileSync(join(userDir, 'User', 'settings.json'), JSON.stringify(settingsFor(kvsUrl), null, 2));
  await run('code', [
    '--user-data-dir',
    userDir,
    '--extensions-dir',
    extensionsDir,
    '--install-extension',
    vsix,
    '--force',
  ]);
  // Its own user-data-dir makes a new VS Code instance, so it inherits the demo's AWS env and closes with Ctrl-C.
  spawnGroup('code', ['--new-window', '--wait', '--user-data-dir', userDir, '--extensions-dir', extensionsDir, dir], {
    env: { ...process.env, ...awsEnv },
  });
  console.log(`KVS Inspector demo: your VS Code opened on kvs-local ${kvsUrl} (profile ${DEMO_PROFILE})`);
}

async function main() {
  if (useDesktopCode && spawnSync('code', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      '--code needs the desktop `code` command on PATH (VS Code: "Shell Command: Install \'code\' command in PATH")',
    );
  }
  let tools;
  if (!useDesktopCode) {
    step('prepare: Debian packages, Node 24, code-server (first run installs them, a few minutes)');
    tools = await setup();
  }
  const dir = workDir('demo');
  step(`build the extension (.vsix) and kvs-local; work dir ${dir}`);
  await run('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  await run(process.execPath, [join(REPO, 'scripts/build.mjs'), '--only=kvs-local'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const vsix = join(REPO, 'kvs-inspector.vsix');
  step('kvs-local: seeded streams, a live stream and an error stream');
  const kvsUrl = await startKvsLocal(dir, demoStreamArgs());
  const awsEnv = writeDemoAwsFiles(dir);
  console.log(
    `kvs-local: ${kvsUrl} (streams: ${[...Object.keys(SEEDED), ...Object.keys(LIVE), ERROR_STREAM.name, ...ARCHIVE_DEMO_STREAMS].join(', ')})`,
  );
  if (useDesktopCode) {
    await openDesktopCode(dir, vsix, kvsUrl, awsEnv);
  } else {
    step('offline VS Code workbench (code-server)');
    await installExtension(tools, dir, vsix);
    const server = await startCodeServer(tools, dir, { name: 'demo', env: awsEnv, settings: settingsFor(kvsUrl) });
    console.log(`KVS Inspector demo: open ${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
  }
  console.log('Press Ctrl-C to stop everything the demo started.');
  await new Promise(() => {}); // serve until a signal; processes.mjs kills every group on SIGINT/SIGTERM
}

main().catch(async (error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  await killAll();
  process.exit(1);
});
