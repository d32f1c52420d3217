// Everything a run needs: the prepare step (setup.sh: Debian packages, Node 24, Node 22, code-server), kvs-local
// seeded with streams, a work folder, and temp AWS config/credentials files with a good profile, a wrong secret and a
// credential_process profile.
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { spawnGroup, withoutNpmEnv } from './processes.mjs';

export const REPO = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');
export const GOOD = { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: 'kvs-local-secret' };
export const SECOND = { accessKeyId: 'AKIDSECONDPAIR', secretAccessKey: 'second-pair-secret' };
export const STREAM_COUNT = 1200;
export const SEEDED_STREAM = 'door';

/**
 * Runs setup.sh (idempotent, cached; progress on stderr) outside npm's environment and returns the Node 24 and
 * Node 22 binaries and the code-server entry it reports. When it fails, its own one-line reason is the last thing
 * printed and the process exits at once with its code: callers run this before starting anything.
 */
export async function setup() {
  const result = spawnSync('bash', [join(REPO, 'scripts/vscode-offline/setup.sh')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: withoutNpmEnv(),
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  const out = result.stdout;
  const value = (key) => new RegExp(`^${key}=(.+)$`, 'm').exec(out)?.[1];
  const tools = { node24: value('NODE24'), node22: value('NODE22'), codeServer: value('CODE_SERVER') };
  if (!tools.node24 || !tools.node22 || !tools.codeServer)
    throw new Error(`setup.sh did not report NODE24/NODE22/CODE_SERVER:\n${out}`);
  return tools;
}

/**
 * A fresh /tmp/kvs-<name>-* folder (logs in its logs/), removed when the process exits with 0 or after Ctrl-C
 * (130); any other exit keeps it for its logs and says where.
 */
export function workDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `kvs-${name}-`));
  mkdirSync(join(dir, 'logs'), { recursive: true });
  process.on('exit', (code) => {
    if (code === 0 || code === 130) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    else console.error(`${name}: work folder kept for its logs: ${join(dir, 'logs')}`);
  });
  return dir;
}

/** The streams every test run gets: 1,200 empty ones for paging and one seeded from a real capture. */
export function testStreamArgs() {
  return [
    '--streams',
    `cam-:${STREAM_COUNT}`,
    '--seed',
    `${SEEDED_STREAM}=${join(REPO, 'test/fixtures/getmedia/output_get_media.mkv')}`,
  ];
}

/** The journeys' kvs-local: the test streams and, like the demo's, a live stream looping a producer SDK capture. */
export const LIVE_STREAM = 'live-camera';
export function e2eStreamArgs() {
  return [
    ...testStreamArgs(),
    '--live',
    `${LIVE_STREAM}=${join(REPO, 'test/fixtures/producer-sdk/test-stream-1_0.mkv')}`,
  ];
}

/** Starts the built kvs-local (dist/kvs-local.js) in its own process group; resolves with its URL. */
export async function startKvsLocal(dir, streamArgs = testStreamArgs()) {
  const log = createWriteStream(join(dir, 'logs', 'kvs-local.log'));
  const args = [join(REPO, 'dist/kvs-local.js'), '--port', '0', ...streamArgs];
  for (const pair of [GOOD, SECOND]) args.push('--access-key', pair.accessKeyId, '--secret-key', pair.secretAccessKey);
  const child = spawnGroup(process.execPath, args, { logStream: log, pipeStdout: true });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error('kvs-local did not print its URL within 30 s (see logs/kvs-local.log)')),
      30_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`kvs-local exited with ${code} (see ${join(dir, 'logs', 'kvs-local.log')})`)),
    );
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      const m = /^kvs-local listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timeout);
        resolve(m[1]);
      }
    });
  });
  return url;
}

/** Shared config and credentials files; returns the env that points the SDK at them. */
export function writeAwsFiles(dir) {
  const aws = join(dir, 'aws');
  mkdirSync(aws, { recursive: true });
  const script = join(aws, 'credential-process.sh');
  writeFileSync(
    script,
    `#!/bin/sh\nprintf '%s' '${JSON.stringify({ Version: 1, AccessKeyId: SECOND.accessKeyId, SecretAccessKey: SECOND.secretAccessKey })}'\n`,
  );
  chmodSync(script, 0o755);
  writeFileSync(
    join(aws, 'config'),
    [
      '[profile kvs-local]',
      'region = us-east-1',
      '',
      '[profile wrong-secret]',
      'region = us-east-1',
      '',
      '[profile by-process]',
      'region = us-east-1',
      `credential_process = ${script}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(aws, 'credentials'),
    [
      '[kvs-local]',
      `aws_access_key_id = ${GOOD.accessKeyId}`,
      `aws_secret_access_key = ${GOOD.secretAccessKey}`,
      '',
      '[wrong-secret]',
      `aws_access_key_id = ${GOOD.accessKeyId}`,
      'aws_secret_access_key = not-the-right-secret',
      '',
    ].join('\n'),
  );
  return {
    AWS_CONFIG_FILE: join(aws, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
    AWS_PROFILE: 'kvs-local',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
