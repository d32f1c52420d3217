// `npm run bench -- host-memory [--rows=50000] [--huge-mib=512]`: the extension host's memory with live inspectors,
// measured in this process (the host's side of an inspector: StreamFeed, MediaSession, RecordBatcher, serialized
// 'records' messages) against kvs-local in a child process (its memory is not counted):
//   1. one inspector that has shown `rows` rows (the default row cap), 2. three inspectors streaming at once,
//   3. a never-ending Cluster: `huge-mib` MiB of one unknown-size Cluster arriving, without and with a capture running.
// Prints heap and RSS before, at the peak and after (after a full GC), and each budget with met / MISSED.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { DEFAULT_CREDENTIAL, startKvsLocal } from '../kvs-local/server';
import type { KvsClientFactory, StreamRef } from '../src/aws/client-factory';
import type { ChunkRecord } from '../src/core/getmedia/record';
import { RecordBatcher } from '../src/inspector/record-batcher';
import { StreamFeed } from '../src/inspector/stream-feed';
import { getMediaFixture } from '../test/support/paths';

const MB = 1e6;
const MIB = 1024 * 1024;
const option = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

interface Memory {
  heap: number;
  rss: number;
}
const now = (): Memory => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
};
const settled = async (): Promise<Memory> => {
  for (let i = 0; i < 3; i++) {
    fullGc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return now();
};

/** Samples RSS and heap until stopped; returns the peaks. */
function peakSampler(): () => Memory {
  let peak = now();
  const timer = setInterval(() => {
    const m = now();
    peak = { heap: Math.max(peak.heap, m.heap), rss: Math.max(peak.rss, m.rss) };
  }, 20);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** Child role: kvs-local with `rows` small fragments in stream 'rows' and a `huge` fault on stream 'huge'. */
async function serveKvsLocal(rows: number, hugeMib: number): Promise<void> {
  const kvs = await startKvsLocal({ log: () => undefined });
  const fixture = getMediaFixture('test_mixed_tags.mkv');
  let fragments = 0;
  while (fragments < rows) fragments += (await kvs.seed('rows', fixture)).length;
  await kvs.seed('huge', fixture);
  kvs.injectFault('huge', `huge=${hugeMib * MIB}@1`);
  process.send?.({ url: kvs.url, fragments });
}

function factoryFor(url: string): KvsClientFactory {
  return {
    controlPlane: (t) => new KinesisVideoClient({ region: t.region, endpoint: url, credentials: DEFAULT_CREDENTIAL }),
    media: (t, endpoint) =>
      new KinesisVideoMediaClient({ region: t.region, endpoint, credentials: DEFAULT_CREDENTIAL }),
  };
}

/** One inspector's host side: rows seen and characters of row messages posted so far. */
function openInspector(
  url: string,
  streamName: string,
): { feed: StreamFeed; rows: () => number; posted: () => number } {
  let rows = 0;
  let postedChars = 0;
  const batcher = new RecordBatcher((batch) => {
    postedChars += JSON.stringify({ type: 'records', records: batch, sentAt: Date.now() }).length;
  });
  const stream: StreamRef = { target: { profile: 'bench', region: 'us-east-1' }, streamName };
  const feed = new StreamFeed(factoryFor(url), stream, { type: 'EARLIEST' }, () => undefined);
  feed.start({
    records: (records: readonly ChunkRecord[], pieces) => {
      rows = Math.max(rows, records[records.length - 1].index + 1);
      void pieces; // a running capture would write these; the bench only holds them as long as a capture would
      batcher.add(records);
    },
    notice: () => undefined,
    banner: (b) => b && console.error(`banner: ${b.title}`),
    stateChanged: () => undefined,
  });
  return { feed, rows: () => rows, posted: () => postedChars };
}

const waitFor = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

const mb = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`;
function line(label: string, base: Memory, peak: Memory, after: Memory, budgetMb: number): void {
  const growth = peak.rss - base.rss;
  console.log(
    `${label}: RSS ${mb(base.rss)} -> peak ${mb(peak.rss)} (+${mb(growth)}), after GC ${mb(after.rss)}; heap ${mb(base.heap)} -> peak ${mb(peak.heap)}, after GC ${mb(after.heap)} (+${mb(after.heap - base.heap)}); budget RSS growth < ${budgetMb} MB: ${growth < budgetMb * MB ? 'met' : 'MISSED'}`,
  );
}

async function main(): Promise<void> {
  const rows = option('rows', 50_000);
  const hugeMib = option('huge-mib', 512);
  const child = fork(process.argv[1], ['--kvs-local-child', String(rows), String(hugeMib)], { stdio: 'inherit' });
  const { url, fragments } = await new Promise<{ url: string; fragments: number }>((resolve) =>
    child.once('message', (m: { url: string; fragments: number }) => resolve(m)),
  );
  console.log(
    `kvs-local (child process): ${fragments} fragments of test_mixed_tags.mkv; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  // Warm up: load the SDK and the session code once, so the baseline is a host that has already opened an inspector.
  const warm = openInspector(url, 'rows');
  await waitFor(() => warm.rows() >= 100);
  warm.feed.dispose();

  let base = await settled();
  let stopPeak = peakSampler();
  const one = openInspector(url, 'rows');
  await waitFor(() => one.rows() >= rows);
  let peak = stopPeak();
  await one.feed.stop();
  line(`one inspector, ${one.rows()} rows (${mb(one.posted())} of row messages)`, base, peak, await settled(), 150);
  one.feed.dispose();

  base = await settled();
  stopPeak = peakSampler();
  const three = [0, 1, 2].map(() => openInspector(url, 'rows'));
  await waitFor(() => three.every((i) => i.rows() >= rows));
  peak = stopPeak();
  await Promise.all(three.map((i) => i.feed.stop()));
  line(`three inspectors streaming at once, ${rows} rows each`, base, peak, await settled(), 200);
  for (const i of three) i.feed.dispose();

  for (const capture of [false, true]) {
    base = await settled();
    stopPeak = peakSampler();
    const huge = openInspector(url, 'huge');
    huge.feed.keepChunkBytes(capture);
    await waitFor(() => huge.feed.stats().bytes >= hugeMib * MIB && huge.rows() >= 2);
    peak = stopPeak();
    await huge.feed.stop();
    line(
      `never-ending Cluster, ${(huge.feed.stats().bytes / MIB).toFixed(0)} MiB arrived, ${capture ? 'capture running' : 'no capture'}`,
      base,
      peak,
      await settled(),
      capture ? 150 : 100,
    );
    huge.feed.dispose();
  }
  child.kill();
}

const childAt = process.argv.indexOf('--kvs-local-child');
if (childAt !== -1) void serveKvsLocal(Number(process.argv[childAt + 1]), Number(process.argv[childAt + 2]));
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
