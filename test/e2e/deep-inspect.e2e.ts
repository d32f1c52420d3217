import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { repoRoot } from '../support/paths';
import type { Journey } from './journey';
import {
  inspectFromPalette,
  inspectorRows as rows,
  lastRowIndex,
  openFirstSimpleBlock,
  saveCapture,
  setFilter,
  streamFault,
  toolbarButton,
  until,
  visible,
  webview,
} from './workbench-actions';

// As a user debugging a live stream (the demo's live-camera, looped by kvs-local): filter rows with expressions,
// fetch a row's bytes again (GetMediaForFragmentList) before any capture, save a capture so the inspector holds
// bytes, open a chunk's element tree down to a SimpleBlock and see its bytes, copy the row as an AWS CLI command and
// as a pipeline into kvs-inspect and run both (the same fragment comes first), then see the status bar item turn to
// warning when kvs-local stalls the stream.

const STREAM = 'live-camera';
const work = mkdtempSync(join(tmpdir(), 'kvs-deep-inspect-'));
let cli: ChildProcess | undefined;
/** The row whose elements were opened: its index and fragment number. */
let opened = { index: -1, fragment: '' };
/** The capture saved into the shared workspace folder (removed by the last step). */
let captureFile = '';

process.once('exit', () => {
  if (cli?.pid && cli.exitCode === null) killGroup(cli.pid);
  rmSync(work, { recursive: true, force: true });
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* gone */
  }
}

/** The header's "N chunks" figure. */
async function chunkCount(page: Page): Promise<number> {
  const text = (await webview(page).locator('.numbers').textContent()) ?? '';
  const m = /([\d,]+) chunks(?!\/)/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : -1;
}

async function shownIndexes(page: Page): Promise<number[]> {
  return rows(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
}

const lagItem = (page: Page): Locator => page.locator('.statusbar-item', { hasText: STREAM });

/** Runs the copied command with /bin/sh until its output file holds one whole chunk (a live GetMedia never ends). */
async function runCopiedCommand(command: string, env: Record<string, string>): Promise<Buffer> {
  const outFile = join(work, command.split(' ').at(-1) ?? '');
  const stderr: string[] = [];
  cli = spawn('/bin/sh', ['-c', command], {
    cwd: work,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  cli.stderr?.on('data', (b: Buffer) => stderr.push(b.toString()));
  const whole = (): boolean =>
    existsSync(outFile) && readAllChunks(readFileSync(outFile)).records.some((r) => !r.truncated);
  try {
    await until(
      () => {
        if (cli?.exitCode !== null && cli?.exitCode !== 0)
          throw new Error(`the command exited with ${cli?.exitCode}: ${stderr.join('')}`);
        return whole();
      },
      `a whole chunk in ${outFile} (stderr: ${stderr.join('')})`,
    );
    return readFileSync(outFile);
  } finally {
    if (cli.pid && cli.exitCode === null) killGroup(cli.pid);
  }
}

/** Runs the copied pipeline with /bin/sh, the project's kvs-inspect on PATH, until kvs-inspect prints a chunk. */
async function runCopiedPipeline(command: string, env: Record<string, string>): Promise<{ fragmentNumber: string }> {
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  const kvsInspect = join(bin, 'kvs-inspect');
  writeFileSync(
    kvsInspect,
    `#!/bin/sh\nexec '${process.execPath}' '${join(repoRoot, 'dist', 'kvs-inspect.js')}' "$@"\n`,
  );
  chmodSync(kvsInspect, 0o755);
  const out: string[] = [];
  const stderr: string[] = [];
  cli = spawn('/bin/sh', ['-c', command], {
    cwd: work,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  cli.stdout?.on('data', (b: Buffer) => out.push(b.toString()));
  cli.stderr?.on('data', (b: Buffer) => stderr.push(b.toString()));
  try {
    let line = '';
    await until(
      () => {
        line = out.join('').split('\n')[0];
        if (out.join('').includes('\n')) return true;
        if (cli?.exitCode !== null) throw new Error(`the pipeline exited with ${cli?.exitCode}: ${stderr.join('')}`);
        return false;
      },
      `a line from kvs-inspect (stderr: ${stderr.join('')})`,
    );
    return JSON.parse(line) as { fragmentNumber: string };
  } finally {
    if (cli.pid && cli.exitCode === null) killGroup(cli.pid);
  }
}

export const journey: Journey = {
  name: 'deep-inspect',
  steps: [
    {
      name: 'open the workbench and inspect the live stream from NOW',
      async run({ page, workbenchUrl }) {
        await page.goto(workbenchUrl);
        await visible(
          page.locator('.activitybar [aria-label^="Kinesis Video"]'),
          'the Kinesis Video activity bar item',
          60_000,
        );
        await inspectFromPalette(page, 'kvs-local', STREAM, 'NOW');
        await visible(rows(page).nth(1), 'two live rows', 60_000);
        await visible(lagItem(page), 'the lag watch status bar item');
        if ((await lagItem(page).first().getAttribute('class'))?.includes('warning-kind'))
          throw new Error('the status bar item warns while the stream is healthy');
      },
    },
    {
      name: 'filter keyframes == 0 shows no row, even as chunks arrive; behind >= 0 shows every row',
      async run({ page, log }) {
        await setFilter(page, 'keyframes == 0');
        await until(async () => (await rows(page).count()) === 0, 'no row under keyframes == 0');
        const before = await chunkCount(page);
        await until(async () => (await chunkCount(page)) > before, 'a new chunk while filtered', 60_000);
        if ((await rows(page).count()) !== 0) throw new Error('a row with a video keyframe matched keyframes == 0');
        await setFilter(page, 'behind >= 0');
        let shown: number[] = [];
        await until(
          async () => {
            shown = await shownIndexes(page);
            const all = await chunkCount(page);
            const contiguous = shown.every((v, i) => i === 0 || v === shown[i - 1] + 1);
            return shown.length > 0 && contiguous && shown[0] === 0 && shown.at(-1) === all - 1;
          },
          `rows 0..chunks-1 under behind >= 0 (shown ${JSON.stringify(shown)})`,
        );
        log(`behind >= 0: ${shown.length} rows of ${await chunkCount(page)} chunks`);
        await setFilter(page, '');
      },
    },
    {
      name: 'before Save capture…: a row’s bytes are not held; Fetch again brings its tree down to a SimpleBlock’s bytes',
      async run({ page }) {
        const row = rows(page).first();
        const index = Number(await row.getAttribute('data-index'));
        const fragment = (await row.locator('.c-fragment').getAttribute('title')) ?? '';
        if (!/^\d+$/.test(fragment)) throw new Error(`row ${index} shows no fragment number (${fragment})`);
        await row.click();
        const details = webview(page).locator('.details');
        await details.locator('vscode-button.show-elements').click();
        await visible(
          details.locator('.elements-note', { hasText: /^Bytes no longer held: / }),
          `"Bytes no longer held" for row ${index}`,
        );
        await details.locator('vscode-button.fetch-chunk', { hasText: 'Fetch again' }).click();
        const tree = details.locator('.element-tree .el-row');
        await visible(
          tree.filter({ hasText: /EBML header 0x1A45DFA3 @0 / }),
          'the fetched EBML header at offset 0',
          60_000,
        );
        const note = (await details.locator('.elements-note').textContent()) ?? '';
        if (!/^Fetched again with GetMediaForFragmentList at \d\d:\d\d:\d\d UTC: [\d,]+ bytes\./.test(note))
          throw new Error(`the note does not say the bytes were fetched again: ${note}`);
        await openFirstSimpleBlock(details, 'the fetched Cluster');
      },
    },
    {
      name: 'Save capture…, then open a new row down to a SimpleBlock and see its bytes',
      async run({ page, workbenchUrl }) {
        const folder = new URL(workbenchUrl).searchParams.get('folder');
        if (!folder) throw new Error('no workspace folder in the workbench URL');
        const file = (captureFile = join(folder, `${STREAM}-deep-inspect.mkv`));
        await saveCapture(page, file);
        // Bytes are held from the capture's start: a chunk that began after it has them.
        const k = (await lastRowIndex(page)) + 2;
        const row = webview(page).locator(`.scroller .row[data-index="${k}"]`);
        await visible(row, `row ${k}`, 60_000);
        opened = { index: k, fragment: (await row.locator('.c-fragment').getAttribute('title')) ?? '' };
        await row.click();
        await webview(page).locator('.details vscode-button.show-elements').click();
        const tree = webview(page).locator('.element-tree .el-row');
        await visible(tree.filter({ hasText: 'EBML header 0x1A45DFA3' }), 'the EBML header in the tree');
        await openFirstSimpleBlock(webview(page), 'the expanded Cluster');
      },
    },
    {
      name: 'Copy as AWS CLI and as pipeline on that row, run them: the same fragment comes first',
      async run({ page, kvsUrl, awsEnv, log }) {
        await webview(page).locator('.details vscode-button', { hasText: 'Copy as AWS CLI' }).click();
        await visible(
          webview(page).locator('.toast.shown', { hasText: `Copied the AWS CLI command for chunk ${opened.index}` }),
          'the Copied toast',
        );
        const command = await page.evaluate(() => navigator.clipboard.readText());
        log(command);
        for (const part of [
          'aws kinesis-video-media get-media ',
          '--profile kvs-local',
          `--endpoint-url ${kvsUrl}`,
          `"AfterFragmentNumber":"${opened.fragment}"`,
        ])
          if (!command.includes(part)) throw new Error(`the copied command lacks ${part}: ${command}`);
        const bytes = await runCopiedCommand(command, awsEnv);
        const firstChunk = readAllChunks(bytes).records[0];
        if (firstChunk.fragmentNumber !== opened.fragment)
          throw new Error(`the command's first fragment is ${firstChunk.fragmentNumber}, the row's ${opened.fragment}`);
        await toolbarButton(page, 'Copy as AWS CLI').click();
        await visible(
          webview(page).locator('.toast.shown', { hasText: 'Copied the AWS CLI command for the session' }),
          'the header copy toast',
        );
        const session = await page.evaluate(() => navigator.clipboard.readText());
        if (!session.includes(`'{"StartSelectorType":"NOW"}'`))
          throw new Error(`the session's command does not start at NOW: ${session}`);
        await webview(page).locator('.details vscode-button', { hasText: 'Copy as pipeline' }).click();
        await visible(
          webview(page).locator('.toast.shown', { hasText: `Copied the pipeline for chunk ${opened.index}` }),
          'the pipeline toast',
        );
        const pipeline = await page.evaluate(() => navigator.clipboard.readText());
        log(pipeline);
        if (!pipeline.endsWith(' | kvs-inspect -') || !pipeline.includes(`"AfterFragmentNumber":"${opened.fragment}"`))
          throw new Error(`the copied pipeline is not the row's GetMedia into kvs-inspect: ${pipeline}`);
        const printed = await runCopiedPipeline(pipeline, awsEnv);
        if (printed.fragmentNumber !== opened.fragment)
          throw new Error(`kvs-inspect's first fragment is ${printed.fragmentNumber}, the row's ${opened.fragment}`);
      },
    },
    {
      name: 'kvs-local stalls the stream: the status bar item turns to warning',
      async run({ page, kvsUrl }) {
        await toolbarButton(page, 'Stop saving').click();
        await streamFault(kvsUrl, STREAM, 'stall=120@1');
        // A new GetMedia session meets the fault: one chunk, then silence.
        await toolbarButton(page, 'Stop').click();
        await visible(webview(page).locator('.state-stopped'), 'the stopped state');
        await toolbarButton(page, 'Resume').click();
        await visible(page.locator('.statusbar-item.warning-kind', { hasText: STREAM }), 'the warning status item');
        await visible(lagItem(page).filter({ hasText: /stalled \d+ s/ }), '"stalled N s" in the status bar item');
        await visible(
          page.locator('.notifications-toasts', { hasText: `KVS Inspector: ${STREAM} no chunk for` }),
          'the one stall notification',
        );
        // The inspector stays open for the screenshot; the next GetMedia session is served normally again.
        await streamFault(kvsUrl, STREAM, null);
        rmSync(captureFile, { force: true });
      },
    },
  ],
};
