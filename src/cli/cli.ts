import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Anomaly } from '../core/getmedia/anomalies';
import { ChunkReader } from '../core/getmedia/chunk-reader';
import { compileFilter, FilterError, type RecordPredicate } from '../core/filter';
import type { ElementEvent } from '../core/getmedia/element-tap';
import type { ChunkRecord } from '../core/getmedia/record';
import { SummaryCounter, toRecordLine } from './cli-output';

const USAGE = `usage: kvs-inspect FILE|- [--summary] [--filter EXPR] [--elements]

Reads GetMedia output (or any Matroska) from FILE, or from stdin with "-", and prints one JSON
object per chunk, one per line. --summary prints one line of totals instead.
--filter EXPR keeps the chunks the expression matches (the inspector's filter language), e.g.
  --filter 'keyframes == 0 || behind > 5000'   --filter 'error in {4000, 4500}'
--elements prints one JSON object per EBML element instead, in file order:
  {chunk, depth, id, name, offset, headerSize, size}

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
  filter: RecordPredicate | null;
  elements: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const positional: string[] = [];
  let summary = false;
  let elements = false;
  let filterText: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('-')) positional.push(a);
    else if (a === '--summary') summary = true;
    else if (a === '--elements') elements = true;
    else if (a === '--filter' || a.startsWith('--filter=')) {
      filterText = a === '--filter' ? (args[++i] ?? null) : a.slice('--filter='.length);
      if (filterText === null) return '--filter needs an expression';
    } else return `unknown option ${a}`;
  }
  if (elements && (summary || filterText !== null))
    return '--elements prints every element: not with --summary or --filter';
  if (positional.length !== 1)
    return positional.length === 0 ? 'missing FILE (or - for stdin)' : `one input only, got ${positional.length}`;
  let filter: RecordPredicate | null = null;
  if (filterText !== null)
    try {
      filter = compileFilter(filterText);
    } catch (e) {
      if (e instanceof FilterError) return `--filter: ${e.withCaret(filterText)}`;
      throw e;
    }
  return { source: positional[0], summary, filter, elements };
}

/** Prints each record as it comes (the reader returns every record once, the moment it is complete). */
class LinePrinter {
  private buffered = '';

  constructor(
    private readonly summary: SummaryCounter | null,
    private readonly name: string,
    private readonly filter: RecordPredicate | null,
    private readonly printRecords = true,
  ) {}

  element(e: ElementEvent): void {
    this.buffered += JSON.stringify(e) + '\n';
  }

  add(records: readonly ChunkRecord[]): void {
    for (const record of records) {
      if (record.resync) process.stderr.write(`kvs-inspect: ${this.name}: ${Anomaly.resynced(record.resync)}\n`);
      if (this.summary) this.summary.add(record);
      else if (this.printRecords && (!this.filter || this.filter(record)))
        this.buffered += JSON.stringify(toRecordLine(record)) + '\n';
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
  const counter = options.summary ? new SummaryCounter(options.filter) : null;
  const printer = new LinePrinter(counter, name, options.filter, !options.elements);
  const reader = new ChunkReader(options.elements ? { onElement: (e) => printer.element(e) } : {});
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
