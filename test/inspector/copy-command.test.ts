import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredFragment } from '../../kvs-local/fragment';
import { shellQuote } from '../../src/aws/media-session/cli-command';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { CopyCommands } from '../../src/inspector/copy-command';
import { streamRef } from '../support/kvs-local-clients';
import { useKvsLocal } from '../support/kvs-local-suite';
import { getMediaFixture, repoRoot } from '../support/paths';
import { awsCliHome, haveAws } from '../support/aws-cli';
import { buildBundles } from '../support/build';

/** Runs a copied line with /bin/sh in its own process group (killed at the end: GetMedia never ends by itself). */
function runShell(line: string, cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn('/bin/sh', ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    waiters.splice(0).forEach((w) => w());
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return {
    firstLine: (): Promise<string> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
          else waiters.push(check);
        };
        child.once('exit', (code) => reject(new Error(`exited ${code} before a line: ${stderr}`)));
        check();
      }),
    stderr: () => stderr,
    kill: () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    },
    exited: new Promise<void>((resolve) => child.once('exit', () => resolve())),
  };
}

describe('Copy as AWS CLI: the copied line run by /bin/sh with the real AWS CLI against kvs-local', () => {
  const local = useKvsLocal();
  let fragments: StoredFragment[];
  let home: string;
  let env: NodeJS.ProcessEnv;
  let commands: CopyCommands;
  before(async () => {
    buildBundles('cli');
    fragments = await local.kvs.seed('door', getMediaFixture('output_get_media.mkv'));
    // No endpoint override: the --endpoint-url comes from GetDataEndpoint, as against AWS.
    const stream = streamRef(local.kvs, 'door', false);
    commands = new CopyCommands(local.factory, stream, { type: 'EARLIEST' });
    ({ home, env } = awsCliHome('kvs-copy-', [
      { name: 'kvs-local', region: local.kvs.region, ...local.kvs.credentials[0] },
    ]));
    const shim = join(home, 'kvs-inspect');
    writeFileSync(
      shim,
      `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(join(repoRoot, 'dist/kvs-inspect.js'))} "$@"\n`,
    );
    chmodSync(shim, 0o755);
    // The shim first: the copied pipeline runs `kvs-inspect` by name.
    env.PATH = `${home}:${env.PATH}`;
  });
  after(async () => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('the command names profile, region, the GetDataEndpoint URL, the stream and the row’s fragment', async () => {
    const { text } = await commands.build({
      pipeline: false,
      row: { index: 2, fragmentNumber: fragments[2].number, previousToken: fragments[1].number },
    });
    assert.equal(
      text,
      `aws kinesis-video-media get-media --profile kvs-local --region ${local.kvs.region} --endpoint-url ${local.kvs.url} ` +
        `--stream-name door --start-selector '{"StartSelectorType":"FRAGMENT_NUMBER","AfterFragmentNumber":"${fragments[2].number}"}' ` +
        `door-${fragments[2].number.slice(-12)}.mkv`,
    );
  });

  test('Copy as pipeline, run: kvs-inspect’s first line is the row’s fragment', { skip: !haveAws }, async () => {
    const { text } = await commands.build({
      pipeline: true,
      row: { index: 2, fragmentNumber: fragments[2].number, previousToken: fragments[1].number },
    });
    assert.match(text, / \/dev\/fd\/3 3>&1 >\/dev\/null \| kvs-inspect -$/);
    const run = runShell(text, home, env);
    try {
      const first = JSON.parse(await run.firstLine()) as { fragmentNumber: string; truncated: boolean };
      assert.equal(first.fragmentNumber, fragments[2].number, run.stderr());
      assert.equal(first.truncated, false);
    } finally {
      run.kill();
      await run.exited;
    }
  });

  test(
    'a row without a fragment number: the previous row’s token, run, writes that row first to the file',
    { skip: !haveAws },
    async () => {
      const { text } = await commands.build({
        pipeline: false,
        row: { index: 3, fragmentNumber: null, previousToken: fragments[2].number },
      });
      assert.match(text, /"StartSelectorType":"CONTINUATION_TOKEN","ContinuationToken":"\d+"/);
      const file = join(home, text.split(' ').at(-1)!);
      const run = runShell(text, home, env);
      try {
        // The CLI buffers its file; once a second fragment is in it, the first is whole.
        let records = [] as ReturnType<typeof readAllChunks>['records'];
        while (records.length < 2) {
          await new Promise((r) => setTimeout(r, 50));
          records = existsSync(file) ? readAllChunks(readFileSync(file)).records : [];
        }
        assert.equal(records[0].fragmentNumber, fragments[3].number);
      } finally {
        run.kill();
        await run.exited;
      }
    },
  );

  test('from the header: the session’s own selector', async () => {
    const { text } = await commands.build({ pipeline: false, row: null });
    assert.match(text, /--start-selector '\{"StartSelectorType":"EARLIEST"\}' door-earliest\.mkv$/);
  });

  test('hostile arguments survive /bin/sh exactly (quotes, $(), backticks, newlines, globs)', () => {
    const hostile = [`o'brien`, '$(touch pwned)', '`id`', 'a b\nc', '*', '-n', '', '"; rm -rf / #', "''\\'"];
    const r = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${hostile.map(shellQuote).join(' ')}`], { cwd: home });
    assert.equal(r.status, 0);
    assert.deepEqual(r.stdout.toString('utf8').split('\0').slice(0, -1), hostile);
    assert.equal(existsSync(join(home, 'pwned')), false);
  });
});
