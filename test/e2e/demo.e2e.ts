import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Journey } from './journey';
import {
  inspectFromPalette,
  lastRowIndex,
  openKinesisVideo,
  openWorkbench,
  treeRow,
  visible,
} from './workbench-actions';

// As a newcomer: run `npm run demo`, open the URL it prints, see the seeded streams and a live stream's rows
// growing, press Ctrl-C, and find nothing left running and no work folder left in /tmp. Every process the demo
// starts inherits MARKER.

const REPO = process.env.KVS_REPO_ROOT ?? process.cwd();
const MARKER = `KVS_DEMO_RUN=${randomUUID()}`;
let demo: ChildProcess | undefined;
let demoUrl = '';
const demoOutput: string[] = [];

/** Processes whose environment carries this run's marker (the demo, kvs-local, code-server, extension hosts). */
function markedProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(MARKER)) continue;
      found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 160)}`);
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return found;
}

// When a step fails before Ctrl-C, the runner exits: the demo still gets its Ctrl-C and stops what it started.
process.once('exit', () => {
  if (demo?.pid && demo.exitCode === null)
    try {
      process.kill(-demo.pid, 'SIGINT');
    } catch {
      /* gone */
    }
});

function startDemo(): Promise<string> {
  const [key, value] = MARKER.split('=');
  demo = spawn('npm', ['run', 'demo'], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [key]: value },
  });
  demo.stderr?.on('data', (b: Buffer) => demoOutput.push(b.toString()));
  const lines = createInterface({ input: demo.stdout! });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm run demo printed no URL within 6 min:\n${demoOutput.join('')}`)),
      360_000,
    );
    demo?.once('exit', (code) => reject(new Error(`npm run demo exited with ${code}:\n${demoOutput.join('')}`)));
    lines.on('line', (line) => {
      demoOutput.push(`${line}\n`);
      const m = /^KVS Inspector demo: open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
}

export const journey: Journey = {
  name: 'demo',
  steps: [
    {
      name: 'npm run demo prints the URL to open',
      async run({ log }) {
        demoUrl = await startDemo();
        log(`demo at ${demoUrl}`);
      },
    },
    {
      name: 'the demo workbench shows the seeded, live and error streams',
      async run({ page }) {
        await openWorkbench(page, demoUrl);
        await openKinesisVideo(page);
        await visible(treeRow(page, /^kvs-demo/), 'the kvs-demo profile row');
        for (const name of ['front-door', 'kms-denied', 'live-camera', 'renderer-example'])
          await visible(treeRow(page, new RegExp(`^${name}`)), `the stream ${name}`);
      },
    },
    {
      name: "the live stream's rows grow",
      async run({ page, log }) {
        await inspectFromPalette(page, 'kvs-demo', 'live-camera', 'NOW');
        let first = -1;
        for (let i = 0; i < 60 && first < 0; i++) {
          first = await lastRowIndex(page);
          if (first < 0) await page.waitForTimeout(500);
        }
        if (first < 0) throw new Error('no row from the live stream within 30 s');
        let later = first;
        for (let i = 0; i < 60 && later <= first; i++) {
          await page.waitForTimeout(500);
          later = await lastRowIndex(page);
        }
        log(`live rows: last index ${first} then ${later}`);
        if (later <= first) throw new Error(`the live stream's rows did not grow in 30 s (last index stayed ${first})`);
      },
    },
    {
      name: 'Ctrl-C stops the demo and leaves no process and no work folder behind',
      async run({ log }) {
        if (!demo?.pid) throw new Error('the demo is not running');
        const exited = new Promise<void>((resolve) => demo?.once('exit', () => resolve()));
        process.kill(-demo.pid, 'SIGINT'); // what Ctrl-C does: SIGINT to the terminal's foreground process group
        await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
        let left = markedProcesses();
        for (let i = 0; i < 50 && left.length; i++) {
          await new Promise((r) => setTimeout(r, 200));
          left = markedProcesses();
        }
        if (left.length) throw new Error(`still running after Ctrl-C:\n${left.join('\n')}`);
        log('no demo process left');
        // The workbench's folder is <work dir>/demo/workspace.
        const workDir = dirname(dirname(new URL(demoUrl).searchParams.get('folder') ?? ''));
        if (!/\/kvs-demo-\w+$/.test(workDir)) throw new Error(`no /tmp/kvs-demo-* work folder in ${demoUrl}`);
        if (existsSync(workDir)) throw new Error(`the work folder ${workDir} is still there after Ctrl-C`);
        log(`work folder ${workDir} removed`);
      },
    },
  ],
};
