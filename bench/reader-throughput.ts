import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync, createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { ChunkReader } from '../src/core/getmedia/chunk-reader';
import { MIB, captureParts, gplParts, repeatedStreamFile } from './lib/streams';
import { HeaderWalk } from './lib/walk-floor';

/**
 * Throughput and memory of the ChunkReader against a plain read of the same file (the ceiling) and
 * against ebml@3 (the npm EBML decoder), each measured in its own child process.
 *   npm run bench -- reader-throughput [--mib=200] [--runs=5] [--ebml-mib=64] [--flat-gib=2]
 * Each role runs `runs` times in fresh processes; the median (by MiB/s) is reported with its own CPU time
 * (process.cpuUsage from the role's start), because the shared machine's load makes wall time noisy.
 */
interface Measure {
  role: string;
  bytes: number;
  seconds: number;
  mibps: number;
  cpuSeconds?: number;
  maxRssMiB: number;
  records?: number;
  error?: string;
}

const CHUNK = MIB;
const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};

let cpuAtStart = process.cpuUsage();

/** Marks the start of a measured role: wall clock and this process's CPU time. */
function start(): bigint {
  cpuAtStart = process.cpuUsage();
  return process.hrtime.bigint();
}

function finish(role: string, bytes: number, started: bigint, extra: Partial<Measure> = {}): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const m: Measure = {
    role,
    bytes,
    seconds,
    mibps: bytes / MIB / seconds,
    cpuSeconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    ...extra,
  };
  process.stdout.write(JSON.stringify(m) + '\n');
}

// One buffer reused for every read: the ChunkReader only looks back at pushed bytes after a fault (to find the next
// chunk start), which these well-formed files never have.
function readLoop(file: string, each: (bytes: Uint8Array) => void, limit = Infinity): number {
  const fd = openSync(file, 'r');
  const buffer = new Uint8Array(CHUNK);
  let total = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0 || total >= limit) break;
      each(buffer.subarray(0, n));
      total += n;
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

/**
 * The same read twice in one process, timing the second: the steady state of a long session, once V8
 * has compiled the code. The plain read gets its warm-up pass too, so the two stay comparable.
 */
function childWarm(file: string, parse: boolean): void {
  const warmUp = new ChunkReader();
  let sum = 0;
  readLoop(
    file,
    parse
      ? (b) => {
          warmUp.push(b);
        }
      : (b) => {
          sum += b[0];
        },
  );
  if (parse) warmUp.end();
  const started = start();
  const reader = new ChunkReader();
  let records = 0;
  const bytes = readLoop(
    file,
    parse
      ? (b) => {
          records += reader.push(b).length;
        }
      : (b) => {
          sum += b[0];
        },
  );
  if (parse) records += reader.end().length;
  finish(parse ? 'ChunkReader, readSync 1 MiB, 2nd pass' : 'plain read, readSync 1 MiB, 2nd pass', bytes, started, {
    records: parse ? records : sum > -1 ? 0 : 1,
  });
}

/** How kvs-inspect and the inspector read: a Node stream of 64 KiB pieces. */
async function streamLoop(file: string, each: (bytes: Uint8Array) => void): Promise<number> {
  let total = 0;
  for await (const chunk of createReadStream(file)) {
    each(chunk as Buffer);
    total += (chunk as Buffer).length;
  }
  return total;
}

async function childPlain(file: string, stream: boolean): Promise<void> {
  const started = start();
  let sum = 0;
  const each = (b: Uint8Array): void => {
    sum += b[0];
  };
  const bytes = stream ? await streamLoop(file, each) : readLoop(file, each);
  finish(stream ? 'plain read, stream 64 KiB' : 'plain read, readSync 1 MiB', bytes, started, {
    records: sum > -1 ? 0 : 1,
  });
}

async function childReader(file: string, stream: boolean): Promise<void> {
  const started = start();
  const reader = new ChunkReader();
  let records = 0;
  const each = (b: Uint8Array): void => {
    records += reader.push(b).length;
  };
  const bytes = stream ? await streamLoop(file, each) : readLoop(file, each);
  records += reader.end().length;
  finish(stream ? 'ChunkReader, stream 64 KiB' : 'ChunkReader, readSync 1 MiB', bytes, started, {
    records,
    ...(reader.fault ? { error: reader.fault.message } : {}),
  });
}

/** The floor: the same reads, walking the same element headers and nothing more (bench/lib/walk-floor.ts). */
function childWalk(file: string): void {
  const started = start();
  const walk = new HeaderWalk();
  const bytes = readLoop(file, (b) => {
    walk.push(b);
  });
  finish('header walk only (floor), readSync 1 MiB', bytes, started, { records: walk.elements });
}

interface EbmlDecoder {
  on(event: string, listener: (arg: unknown) => void): void;
  write(chunk: Uint8Array): boolean;
  end(): void;
}

async function childEbml(file: string, limitMiB: number): Promise<void> {
  const load = createRequire(__filename);
  const ebml = load('ebml') as { Decoder: new () => EbmlDecoder };
  const started = start();
  const decoder = new ebml.Decoder();
  let tags = 0;
  let bytes = 0;
  let error: string | undefined;
  decoder.on('data', () => {
    tags++;
  });
  const done = new Promise<void>((resolve) => {
    decoder.on('error', (e) => {
      error = e instanceof Error ? e.message : String(e);
      resolve();
    });
    decoder.on('finish', () => resolve());
  });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK, end: limitMiB * MIB - 1 })) {
      bytes += (chunk as Buffer).length;
      if (!decoder.write(chunk as Buffer))
        await new Promise<void>((r) => {
          decoder.on('drain', () => r());
        });
      if (error) break;
    }
    decoder.end();
    await done;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  finish('ebml@3', bytes, started, { records: tags, ...(error ? { error } : {}) });
}

/** 2 GiB (by default) generated in memory straight into the reader: RSS sampled every 128 MiB must stay flat. */
function childFlat(gib: number): void {
  const parts = captureParts();
  const reader = new ChunkReader();
  const started = start();
  const target = gib * 1024 * MIB;
  const samples: number[] = [];
  let bytes = 0;
  let nextSample = 0;
  let records = 0;
  while (bytes < target) {
    for (const part of parts) {
      for (let at = 0; at < part.length; at += CHUNK) records += reader.push(part.subarray(at, at + CHUNK)).length;
      bytes += part.length;
    }
    if (bytes >= nextSample) {
      samples.push(process.memoryUsage().rss / MIB);
      nextSample += 128 * MIB;
    }
  }
  records += reader.end().length;
  finish('ChunkReader, generated', bytes, started, {
    records,
    error: `rss MiB per 128 MiB: ${samples.map((s) => s.toFixed(0)).join(' ')}`,
  });
}

function runChild(args: string[]): Measure {
  const r = spawnSync(process.execPath, ['--no-deprecation', '--no-warnings', __filename, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * MIB,
    timeout: 20 * 60_000,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{'))
    return {
      role: args[0],
      bytes: 0,
      seconds: 0,
      mibps: 0,
      maxRssMiB: 0,
      error: `child failed (${r.status}): ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`,
    };
  return JSON.parse(line) as Measure;
}

/** The run with the median MiB/s (odd counts; the upper middle for even ones). */
const median = (ms: Measure[]): Measure => [...ms].sort((a, b) => a.mibps - b.mibps)[Math.floor(ms.length / 2)];
const cpuMs = (m: Measure): number => (m.cpuSeconds ?? NaN) * 1000;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const row = (m: Measure): string =>
  `| ${m.role} | ${(m.bytes / MIB).toFixed(0)} | ${m.mibps.toFixed(1)} | ${(m.cpuSeconds ?? 0).toFixed(2)} | ${m.maxRssMiB.toFixed(0)} | ${m.records ?? ''} | ${m.error ?? ''} |`;

function benchOne(label: string, file: string, runs: number, ebmlMiB: number): void {
  const size = statSync(file).size;
  const loadBefore = load();
  // Roles interleaved run by run, so a burst of load on the shared machine hits them alike.
  const roles = ['plain', 'reader', 'walk', 'plain-warm', 'reader-warm', 'plain-stream', 'reader-stream'];
  const all = new Map<string, Measure[]>(roles.map((r) => [r, []]));
  for (let i = 0; i < runs; i++) for (const role of roles) all.get(role)?.push(runChild([`--child=${role}`, file]));
  const [plain, reader, walk, plainWarm, readerWarm, plainStream, readerStream] = roles.map((r) =>
    median(all.get(r) ?? []),
  );
  const ebml = runChild(['--child=ebml', file, `--ebml-mib=${ebmlMiB}`]);
  console.log(
    `\n### ${label}: ${(size / MIB).toFixed(0)} MiB (${file}), median of ${runs} runs, load average ${loadBefore} before, ${load()} after\n`,
  );
  console.log(
    '| what | MiB read | MiB/s | CPU s (process) | peak RSS MiB | records/events | note |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const m of [plain, reader, walk, plainWarm, readerWarm, plainStream, readerStream, ebml]) console.log(row(m));
  const ratio = (r: Measure, p: Measure): string =>
    `${(r.mibps / p.mibps).toFixed(2)}x wall, ${(cpuMs(p) / cpuMs(r)).toFixed(2)}x CPU`;
  const vsPlain = reader.mibps / plain.mibps;
  console.log(`\nreader / plain read (target >= 0.8x), median runs:`);
  console.log(
    `  cold, one pass per process, readSync 1 MiB: ${ratio(reader, plain)} (${cpuMs(reader).toFixed(0)} vs ${cpuMs(plain).toFixed(0)} CPU ms): ${vsPlain >= 0.8 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  warm, 2nd pass in the process, readSync 1 MiB: ${ratio(readerWarm, plainWarm)} (${cpuMs(readerWarm).toFixed(0)} vs ${cpuMs(plainWarm).toFixed(0)} CPU ms): ${readerWarm.mibps / plainWarm.mibps >= 0.8 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  cold, Node stream 64 KiB: ${ratio(readerStream, plainStream)} (${cpuMs(readerStream).toFixed(0)} vs ${cpuMs(plainStream).toFixed(0)} CPU ms): ${readerStream.mibps / plainStream.mibps >= 0.8 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  floor: the bare header walk (${walk.records} elements, no records) is ${ratio(walk, plain)} of the plain read, cold`,
  );
  console.log(
    `  every run, cold readSync MiB/s: plain ${all
      .get('plain')
      ?.map((m) => m.mibps.toFixed(0))
      .join(' ')}; reader ${all
      .get('reader')
      ?.map((m) => m.mibps.toFixed(0))
      .join(' ')}`,
  );
  if (ebml.error)
    console.log(`reader / ebml@3: no ratio, ebml@3 stopped after ${(ebml.bytes / MIB).toFixed(0)} MiB: ${ebml.error}`);
  else {
    const vsEbml = reader.mibps / ebml.mibps;
    console.log(
      `reader / ebml@3 = ${vsEbml.toFixed(1)}x on the first ${(ebml.bytes / MIB).toFixed(0)} MiB (target >= 30x: ${vsEbml >= 30 ? 'met' : 'MISSED'})`,
    );
  }
  const rss = Math.max(reader.maxRssMiB, readerStream.maxRssMiB);
  console.log(`reader peak RSS = ${rss.toFixed(0)} MiB (target < 100: ${rss < 100 ? 'met' : 'MISSED'})`);
}

async function main(): Promise<void> {
  const child = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
  const file = process.argv[3];
  if (child === 'plain' || child === 'plain-stream') return childPlain(file, child === 'plain-stream');
  if (child === 'reader' || child === 'reader-stream') return childReader(file, child === 'reader-stream');
  if (child === 'walk') return childWalk(file);
  if (child === 'plain-warm' || child === 'reader-warm') return childWarm(file, child === 'reader-warm');
  if (child === 'ebml') return childEbml(file, arg('ebml-mib', 64));
  if (child === 'flat') return childFlat(arg('flat-gib', 2));
  const mib = arg('mib', 200);
  const runs = arg('runs', 5);
  const ebmlMiB = arg('ebml-mib', 64);
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  benchOne('Real GetMedia captures repeated', repeatedStreamFile('getmedia', captureParts(), mib), runs, ebmlMiB);
  const gpl = gplParts();
  if (gpl.length > 0)
    benchOne('C producer 1080p capture repeated (../shared, GPL)', repeatedStreamFile('gpl', gpl, mib), runs, ebmlMiB);
  else console.log('\n(../shared/samples/third-party-gpl absent: GPL run skipped)');
  const flat = runChild(['--child=flat', '-', `--flat-gib=${arg('flat-gib', 2)}`]);
  console.log(`\n### Flat memory: ${(flat.bytes / MIB / 1024).toFixed(2)} GiB generated into the reader\n`);
  console.log(
    `${flat.mibps.toFixed(1)} MiB/s, ${flat.records} records, peak RSS ${flat.maxRssMiB.toFixed(0)} MiB; ${flat.error}`,
  );
}

void main();
