import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Anomaly } from '../core/getmedia/anomalies';
import { ChunkReader } from '../core/getmedia/chunk-reader';
import type { ChunkRecord } from '../core/getmedia/record';
import { SummaryCounter, toRecordLine } from './cli-output';

const USAGE = `usage: kvs-inspect FILE|- [--summary]

Reads GetMedia output (or any Matroska) from FILE, or from stdin with "-", and prints one JSON
object per chunk, one per line. --summary prints one line of totals instead.

  aws kinesis-video-media get-media --endpoint-url URL --stream-name NAME \\
    --start-selector StartSelectorType=NOW /dev/stdout | kvs-inspect -

Where the bytes stop making sense (a cut-off chunk followed by more data, as when GetMedia output is
appended to one file after each drop), it skips to the next chunk start and goes on: one stderr line
says where ("resynced at byte Y after skipping N bytes from X"), the cut-off chunk is marked truncated.

Exit status: 0 read to the end (resyncs included); 2 not EBML or corrupt with no chunk start after
the fault (records before it are printed, one line on stderr names the byte offset); 1 usage or I/O error.`;

const READ_CHUNK = 1024 * 1024;

interface Options {
  source: string;
  summary: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const positional = args.filter((a) => a === '-' || !a.startsWith('-'));
  const flags = args.filter((a) => a !== '-' && a.startsWith('-'));
  const unknown = flags.find((f) => f !== '--summary');
  if (unknown) return `unknown option ${unknown}`;
  if (positional.length !== 1)
    return positional.length === 0 ? 'missing FILE (or - for stdin)' : `one input only, got ${positional.length}`;
  return { source: positional[0], summary: flags.includes('--summary') };
}

/** Prints each record as it comes (the reader returns every record once, the moment it is complete). */
class LinePrinter {
  private buffered = '';

  constructor(
    private readonly summary: SummaryCounter | null,
    private readonly name: string,
  ) {}

  add(records: readonly ChunkRecord[]): void {
    for (const record of records) {
      if (record.resync) process.stderr.write(`kvs-inspect: ${this.name}: ${Anomaly.resynced(record.resync)}\n`);
      if (this.summary) this.summary.add(record);
      else this.buffered += JSON.stringify(toRecordLine(record)) + '\n';
    }
  }

  /** Writes what is buffered; resolves when stdout can take more. */
  write(extra = ''): Promise<void> {
    const text = this.buffered + extra;
    this.buffered = '';
    if (text === '' || process.stdout.write(text)) return Promise.resolve();
    return new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

async function run(options: Options): Promise<number> {
  const name = options.source === '-' ? 'stdin' : options.source;
  const input: Readable =
    options.source === '-' ? process.stdin : createReadStream(options.source, { highWaterMark: READ_CHUNK });
  const reader = new ChunkReader();
  const counter = options.summary ? new SummaryCounter() : null;
  const printer = new LinePrinter(counter, name);
  try {
    for await (const chunk of input) {
      printer.add(reader.push(chunk as Uint8Array));
      if (reader.fault) break;
      await printer.write();
    }
  } catch (e) {
    await printer.write();
    process.stderr.write(`kvs-inspect: ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (!reader.fault) printer.add(reader.end());
  const fault =
    reader.fault ?? (reader.bytesRead === 0 ? { byteOffset: 0, message: 'the input is empty: no EBML data' } : null);
  await printer.write(counter ? JSON.stringify(counter.total(reader.bytesRead)) + '\n' : '');
  if (options.source !== '-') input.destroy();
  if (fault) {
    process.stderr.write(`kvs-inspect: ${name}: byte ${fault.byteOffset}: ${fault.message}\n`);
    return 2;
  }
  return 0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`kvs-inspect: ${options}\n${USAGE}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await run(options);
  if (options.source === '-') process.stdin.destroy();
}

void main();
