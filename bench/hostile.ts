import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { HOSTILE_TABLE, hostileInput } from '../test/core/hostile-inputs';

/**
 * Streams each crafted input of test/core/hostile-inputs.ts into `kvs-inspect - --summary` under
 * /usr/bin/time -v and prints a table: exit status, peak RSS, wall time, the stderr line.
 *   npm run build -- --only=cli && npm run bench -- hostile [--cli=dist/kvs-inspect.js] [--only=WORD]
 */
const option = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const cli = option('cli') ?? 'dist/kvs-inspect.js';
const only = option('only');

interface Outcome {
  status: number | null;
  rssMiB: number;
  seconds: number;
  bytes: number;
  stderr: string;
}

async function runOne(pieces: Iterable<Uint8Array>): Promise<Outcome> {
  const child = spawn('/usr/bin/time', ['-v', process.execPath, cli, '-', '--summary'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => undefined);
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let open = true;
  void closed.then(() => (open = false));
  const started = process.hrtime.bigint();
  let bytes = 0;
  for (const piece of pieces) {
    if (!open || child.stdin.destroyed) break;
    bytes += piece.length;
    if (!child.stdin.write(piece))
      await Promise.race([new Promise<void>((resolve) => child.stdin.once('drain', resolve)), closed]);
  }
  child.stdin.end();
  const status = await closed;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const exit = /Exit status: (\d+)/.exec(stderr);
  const own = stderr
    .split('\n')
    .filter((l) => l.startsWith('kvs-inspect') || /Error|at /.test(l))
    .slice(0, 2)
    .join(' | ');
  return {
    status: exit ? Number(exit[1]) : status,
    rssMiB: rss ? Number(rss[1]) / 1024 : NaN,
    seconds,
    bytes,
    stderr: own.slice(0, 160),
  };
}

async function main(): Promise<void> {
  console.log(
    `${cli}, node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| input | MiB in | exit | peak RSS MiB | wall s | stderr |\n| --- | --- | --- | --- | --- | --- |');
  for (const spec of HOSTILE_TABLE) {
    if (only && !spec.label.includes(only) && spec.kind !== only) continue;
    const o = await runOne(hostileInput(spec));
    console.log(
      `| ${spec.label} | ${(o.bytes / 1048576).toFixed(1)} | ${o.status} | ${o.rssMiB.toFixed(0)} | ${o.seconds.toFixed(1)} | ${o.stderr.replace(/\|/g, '/')} |`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

void main();
