import { readFile } from 'node:fs/promises';
import { readAllChunks } from '../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../src/core/getmedia/record';
import { compareFragmentNumbers, isFragmentNumber, type StoredFragment } from './fragment';
import { FragmentBuilder, toStoredFragment, unitsToMs, type FragmentDraft } from './fragment-builder';
import { MkvSplitter } from './mkv-splitter';
import type { StreamRecord, StreamStore } from './stream-store';
import { withoutVideoCodecPrivate } from './tracks';

/** --seed: a file's clusters become past fragments, as if a producer had put them. */

/** Above this a Cluster Timecode in ms is an absolute epoch time (the C producer writes those). */
export const ABSOLUTE_TIMECODE_MS = 100_000_000_000;
const MIN_SPACING_MS = 1;

/**
 * The fragments of a file, read with the same ChunkReader as kvs-inspect and the inspector: where it resyncs (a
 * cut-off chunk followed by more data, as in appended captures) the file is split into runs, each split into
 * fragments on its own. `log` gets one line per skip and per cut-off chunk. A file with no whole fragment throws.
 */
export function splitMatroska(
  bytes: Uint8Array,
  source: string,
  log: (line: string) => void = () => {},
): FragmentDraft[] {
  const { records, fault } = readAllChunks(bytes);
  const drafts: FragmentDraft[] = [];
  let runStart = 0;
  for (const record of records) {
    if (record.resync) {
      drafts.push(...splitRun(bytes.subarray(runStart, record.resync.from)));
      runStart = record.resync.at;
    }
    reportSkips(record, source, log);
  }
  drafts.push(...splitRun(bytes.subarray(runStart, fault ? fault.byteOffset : bytes.length)));
  if (fault) log(`${source}: unreadable from byte ${fault.byteOffset} to the end (${fault.message}): not stored`);
  if (drafts.length === 0)
    throw new Error(
      `${source}: no whole fragment to seed${fault ? ` (byte ${fault.byteOffset}: ${fault.message})` : ''}`,
    );
  return drafts;
}

function reportSkips(record: ChunkRecord, source: string, log: (line: string) => void): void {
  const resync = record.resync;
  if (resync)
    log(
      `${source}: resynced at byte ${resync.at} after skipping ${resync.at - resync.from} bytes from ${resync.from} (${resync.reason})`,
    );
  if (record.truncated)
    log(
      `${source}: cut-off chunk at bytes ${record.byteOffset}-${record.byteOffset + record.byteLength}: only its complete clusters are stored`,
    );
}

/** Fragments of one readable run (a capture cut off mid-chunk still gives every complete cluster before the cut). */
function splitRun(bytes: Uint8Array): FragmentDraft[] {
  const splitter = new MkvSplitter();
  const builder = new FragmentBuilder();
  const drafts: FragmentDraft[] = [];
  const take = (events: ReturnType<MkvSplitter['push']>): void => {
    for (const event of events) drafts.push(...builder.accept(event));
  };
  take(splitter.push(bytes));
  take(splitter.end());
  drafts.push(...builder.finish());
  return drafts;
}

const parseSeconds = (text: string | undefined): number | null => {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text) * 1000);
};

/** A server timestamp follows its producer timestamp by this much, as ingestion takes a moment. */
const INGEST_LATENCY_MS = 150;

/** How seeding treats a GetMedia capture's own AWS tags. */
export interface SeedOptions {
  /**
   * false (default): as if the fragments had just been put: fresh fragment numbers, and the capture's server and
   * producer times moved together so its last fragment was received a second ago (spacing kept).
   * true: keep the capture's fragment numbers and timestamps (while they stay in order), e.g. to compare with it.
   */
  keepCaptureTimes?: boolean;
  /** Place the file so its last fragment ended this long ago (default: a second ago); seeding twice makes a gap. */
  endsAgoMs?: number;
  /** Drop every video track's CodecPrivate, as a producer without NAL adaptation would send it. */
  withoutCodecPrivate?: boolean;
}

/**
 * Appends the drafts to the stream. Without capture times, producer times come from the Cluster Timecodes
 * (relative ones placed so the file ends a second ago) and server times follow them, spread over the past.
 */
function seedDrafts(
  store: StreamStore,
  stream: StreamRecord,
  drafts: readonly FragmentDraft[],
  options: SeedOptions = {},
  nowMs = Date.now(),
): StoredFragment[] {
  const clusterMs = drafts.map((d) => unitsToMs(d.facts.timecode, d.timecodeScale));
  const spanMs = drafts.map((d) => Math.round(unitsToMs(d.facts.spanUnits, d.timecodeScale)));
  const relativeEnd = Math.max(
    0,
    ...drafts.map((_, i) => (clusterMs[i] < ABSOLUTE_TIMECODE_MS ? clusterMs[i] + spanMs[i] : 0)),
  );
  const seedStart = nowMs - 1000 - relativeEnd - INGEST_LATENCY_MS;
  const givenServers = drafts
    .map((d) => parseSeconds(d.aws.get('SERVER_TIMESTAMP')))
    .filter((t): t is number => t !== null);
  const shift = options.keepCaptureTimes || givenServers.length === 0 ? 0 : nowMs - 1000 - Math.max(...givenServers);
  const moved = (t: number | null): number | null => (t === null ? null : t + shift);
  const added: StoredFragment[] = [];
  drafts.forEach((draft, i) => {
    const last = stream.fragments.at(-1);
    const givenNumber = options.keepCaptureTimes ? draft.aws.get('FRAGMENT_NUMBER') : undefined;
    const number =
      givenNumber && isFragmentNumber(givenNumber) && (!last || compareFragmentNumbers(givenNumber, last.number) > 0)
        ? givenNumber
        : store.nextNumber(stream);
    const producerTimestampMs =
      moved(parseSeconds(draft.aws.get('PRODUCER_TIMESTAMP'))) ??
      Math.round(clusterMs[i] >= ABSOLUTE_TIMECODE_MS ? clusterMs[i] : seedStart + clusterMs[i]);
    const floor = last ? last.serverTimestampMs + MIN_SPACING_MS : 0;
    const givenServer = moved(parseSeconds(draft.aws.get('SERVER_TIMESTAMP')));
    const serverTimestampMs =
      givenServer !== null && givenServer >= floor
        ? givenServer
        : Math.max(producerTimestampMs + INGEST_LATENCY_MS, floor);
    const fragment = toStoredFragment(draft, { number, serverTimestampMs, producerTimestampMs, durationMs: spanMs[i] });
    store.append(stream, fragment);
    added.push(fragment);
  });
  return added;
}

/** The file's bytes, or an error that says which flag's file could not be read. */
export async function readMatroskaFile(file: string, purpose: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new Error(`cannot read ${file} to ${purpose}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      cause: e,
    });
  }
}

/** Drafts already split from a file, seeded into stream `name` (created when missing) as the options say. */
export function seedParsed(
  store: StreamStore,
  name: string,
  read: readonly FragmentDraft[],
  options: SeedOptions = {},
): StoredFragment[] {
  const drafts = options.withoutCodecPrivate
    ? read.map((d) => ({ ...d, head: withoutVideoCodecPrivate(d.head) }))
    : read;
  const stream = store.get(name) ?? store.create({ name });
  return seedDrafts(store, stream, drafts, options, Date.now() - (options.endsAgoMs ?? 0));
}

export async function seedFile(
  store: StreamStore,
  name: string,
  file: string,
  options: SeedOptions = {},
  log: (line: string) => void = () => {},
): Promise<StoredFragment[]> {
  const drafts = splitMatroska(await readMatroskaFile(file, `seed ${name}`), file, (line) => log(`kvs-local: ${line}`));
  return seedParsed(store, name, drafts, options);
}
