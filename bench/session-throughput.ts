// `npm run bench -- session-throughput [MB/s] [seconds]`: replays real GetMedia bytes at 25 MB/s (default) from a paced
// server in a child process through the real SDK, MediaSession (ChunkReader, stitching, dedup) and the inspector's
// 50 ms RecordBatcher into serialized webview messages. Prints the host's CPU and the delay from a chunk's last byte
// (written by the server) to the message carrying its row (target < 150 ms; the webview paints within a frame after).
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { startKvsLocal } from '../kvs-local/server';
import { MediaSession } from '../src/aws/media-session/media-session';
import type { KvsClientFactory, StreamRef } from '../src/aws/client-factory';
import type { ChunkRecord } from '../src/core/getmedia/record';
import { RecordBatcher } from '../src/inspector/record-batcher';
import { getMediaFixture, gplCapture, hasGplCapture } from '../test/support/paths';

const credentials = { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: 'kvs-local-secret' };

function factoryFor(url: string): KvsClientFactory {
  return {
    controlPlane: (t) => new KinesisVideoClient({ region: t.region, endpoint: url, credentials }),
    media: (t, endpoint) => new KinesisVideoMediaClient({ region: t.region, endpoint, credentials }),
  };
}

/** Server role: answers GetDataEndpoint and GetMedia, writing the bytes at `rate` and noting when each chunk's last byte went out. */
function serve(file: string, endsFile: string, rate: number): void {
  const bytes = readFileSync(file);
  const ends: number[] = JSON.parse(readFileSync(endsFile, 'utf8'));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/getDataEndpoint') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ DataEndpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'video/webm' });
      const piece = 64 * 1024;
      const started = Date.now();
      const endTimes: number[] = [];
      let offset = 0;
      let next = 0;
      // Backpressure respected, and a chunk's end time taken when its last byte reached the kernel (the write
      // callback): bytes queued inside this process would count our server's lag as the inspector's.
      let flushed = 0;
      const pump = (): void => {
        const due = Math.min(bytes.length, Math.floor(((Date.now() - started) / 1000) * rate) + piece);
        while (offset < due) {
          const end = Math.min(due, offset + piece);
          const ok = res.write(bytes.subarray(offset, end), () => {
            flushed = end;
            const now = Date.now();
            while (next < ends.length && ends[next] <= flushed) {
              endTimes.push(now);
              next++;
            }
            if (flushed >= bytes.length) process.send?.({ endTimes });
          });
          offset = end;
          if (!ok) {
            res.once('drain', pump);
            return;
          }
        }
        if (offset < bytes.length) setTimeout(pump, 5);
      };
      pump();
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
}

async function main(): Promise<void> {
  const rate = Number(process.argv[2] ?? 25) * 1_000_000;
  const seconds = Number(process.argv[3] ?? 6);
  const source = hasGplCapture ? gplCapture : getMediaFixture('vogels_480.mkv');
  // 1. Real GetMedia bytes with unique fragment numbers: kvs-local seeded with the same capture many times.
  const kvs = await startKvsLocal({ log: () => undefined });
  const sourceSize = readFileSync(source).length;
  const copies = Math.max(1, Math.ceil((rate * seconds) / sourceSize));
  for (let i = 0; i < copies; i++) await kvs.seed('bench', source);
  const raw: Uint8Array[] = [];
  const records: ChunkRecord[] = [];
  let idle: () => void = () => undefined;
  const idleReached = new Promise<void>((resolve) => {
    idle = resolve;
  });
  const recorder = new MediaSession({
    factory: factoryFor(kvs.url),
    stream: { target: { profile: 'bench', region: kvs.region, endpoint: kvs.url }, streamName: 'bench' },
    start: { type: 'EARLIEST' },
    idleAfterMs: 500,
    listener: {
      chunks: (c) => {
        for (const x of c) {
          raw.push(x.bytes);
          records.push(x.record);
        }
      },
      state: (s) => {
        if (s === 'idle') idle();
      },
      reconnecting: () => undefined,
      httpError: (e) => console.error(e.message),
      inBandError: () => undefined,
      log: () => undefined,
    },
  });
  const collecting = recorder.run();
  await idleReached;
  await recorder.stop();
  await collecting;
  await kvs.close();
  const dir = mkdtempSync(join(tmpdir(), 'kvs-bench-'));
  const file = join(dir, 'stream.mkv');
  const body = Buffer.concat(raw);
  writeFileSync(file, body);
  writeFileSync(join(dir, 'ends.json'), JSON.stringify(records.map((r) => r.byteOffset + r.byteLength)));
  console.log(
    `stream: ${(body.length / 1e6).toFixed(1)} MB, ${records.length} chunks (${copies} × ${source.split('/').pop()}), replayed at ${(rate / 1e6).toFixed(0)} MB/s`,
  );

  // 2. The paced server in its own process, so its CPU is not counted as ours.
  const child = fork(__filename, ['--serve', file, join(dir, 'ends.json'), String(rate)], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const serverTimes = new Promise<number[]>((resolve) =>
    child.on('message', (m: { endTimes?: number[] }) => {
      if (m.endTimes) resolve(m.endTimes);
    }),
  );

  // 3. The host side: session → batcher → serialized messages, as InspectorView posts them.
  const postedAt = new Map<number, number>();
  const emittedAt = new Map<number, number>();
  let messages = 0;
  let messageBytes = 0;
  const batcher = new RecordBatcher((batch) => {
    const text = JSON.stringify({ type: 'records', records: batch, sentAt: Date.now() });
    messages++;
    messageBytes += text.length;
    const now = Date.now();
    for (const r of batch) postedAt.set(r.index, now);
  });
  const stream: StreamRef = { target: { profile: 'bench', region: 'us-east-1' }, streamName: 'bench' };
  let done: () => void = () => undefined;
  const allDelivered = new Promise<void>((resolve) => {
    done = resolve;
  });
  const session = new MediaSession({
    factory: factoryFor(`http://127.0.0.1:${port}`),
    stream,
    start: { type: 'EARLIEST' },
    listener: {
      chunks: (c) => {
        const t = Date.now();
        for (const x of c) emittedAt.set(x.record.index, t);
        batcher.add(c.map((x) => x.record));
        if (c.some((x) => x.record.index === records.length - 1)) done();
      },
      state: () => undefined,
      reconnecting: (r) => console.error(`reconnect: ${r}`),
      httpError: (e) => console.error(e.message),
      inBandError: () => undefined,
      log: () => undefined,
    },
  });
  const cpuBefore = process.cpuUsage();
  const wallBefore = Date.now();
  const running = session.run();
  await allDelivered;
  batcher.flush();
  const wall = (Date.now() - wallBefore) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const ends = await serverTimes;
  await session.stop();
  await running;
  child.kill();

  const delays = records
    .map((r) => (postedAt.get(r.index) ?? NaN) - ends[r.index])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const pct = (p: number): number => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))];
  const cpuPercent = ((cpu.user + cpu.system) / 1e6 / wall) * 100;
  console.log(
    `throughput: ${(body.length / 1e6 / wall).toFixed(1)} MB/s over ${wall.toFixed(1)} s; ${messages} messages (${(messages / wall).toFixed(1)}/s, ${(messageBytes / 1e6).toFixed(1)} MB of JSON)`,
  );
  console.log(
    `extension-host CPU: ${cpuPercent.toFixed(1)}% of one core (user ${(cpu.user / 1e6).toFixed(2)} s, system ${(cpu.system / 1e6).toFixed(2)} s)`,
  );
  console.log(
    `last byte -> row message: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${delays[delays.length - 1]} ms over ${delays.length} chunks`,
  );
  const emitDelays = records
    .map((r) => (emittedAt.get(r.index) ?? NaN) - ends[r.index])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  console.log(
    `last byte -> record out of the reader: p50 ${emitDelays[Math.floor(emitDelays.length / 2)]} ms, p95 ${emitDelays[Math.floor(emitDelays.length * 0.95)]} ms`,
  );
  console.log(`ratio p95 / 150 ms target: ${(pct(95) / 150).toFixed(2)} (below 1 meets it)`);
}

if (process.argv[2] === '--serve') serve(process.argv[3], process.argv[4], Number(process.argv[5]));
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
