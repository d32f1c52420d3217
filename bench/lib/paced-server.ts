import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * A GetMedia stand-in that replays one file at a fixed rate, in its own process so its CPU is not counted as
 * the host's. Every GetMedia request replays the file from its start; when the last byte of a replay has
 * reached the kernel it reports, per chunk, when that chunk's last byte went out.
 */
export interface PacedServer {
  readonly url: string;
  /** The end times of the next replay to finish (epoch ms per chunk). */
  nextReplay(): Promise<number[]>;
  close(): void;
}

const SERVE_FLAG = '--paced-server';
const PIECE = 64 * 1024;

/** Starts the server as a child of this script (which must call `servePacedIfAsked()` first thing). */
export async function startPacedServer(file: string, chunkEnds: readonly number[], rate: number): Promise<PacedServer> {
  const child: ChildProcess = fork(process.argv[1], [SERVE_FLAG, file, JSON.stringify(chunkEnds), String(rate)], {
    stdio: 'inherit',
  });
  const replays: number[][] = [];
  const waiting: Array<(ends: number[]) => void> = [];
  const port = await new Promise<number>((resolve) =>
    child.on('message', (m: { port?: number; endTimes?: number[] }) => {
      if (m.port) resolve(m.port);
      if (!m.endTimes) return;
      const waiter = waiting.shift();
      if (waiter) waiter(m.endTimes);
      else replays.push(m.endTimes);
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    nextReplay: () => {
      const ready = replays.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => child.kill(),
  };
}

/** In the child: answers GetDataEndpoint with itself and GetMedia with the paced replay. Returns true when it is the child. */
export function servePacedIfAsked(): boolean {
  const at = process.argv.indexOf(SERVE_FLAG);
  if (at === -1) return false;
  const [file, endsJson, rate] = process.argv.slice(at + 1);
  serve(readFileSync(file), JSON.parse(endsJson) as number[], Number(rate));
  return true;
}

function serve(bytes: Buffer, ends: readonly number[], rate: number): void {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/getDataEndpoint') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ DataEndpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'video/webm' });
      replay(bytes, ends, rate, res);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
}

type Writable = {
  write(chunk: Uint8Array, done: () => void): boolean;
  once(event: 'drain', listener: () => void): void;
};

function replay(bytes: Buffer, ends: readonly number[], rate: number, res: Writable): void {
  const started = Date.now();
  const endTimes: number[] = [];
  let offset = 0;
  let next = 0;
  // Backpressure respected, and a chunk's end time taken when its last byte reached the kernel (the write
  // callback): bytes queued inside this process would count our server's lag as the inspector's.
  const pump = (): void => {
    const due = Math.min(bytes.length, Math.floor(((Date.now() - started) / 1000) * rate) + PIECE);
    while (offset < due) {
      const end = Math.min(due, offset + PIECE);
      const ok = res.write(bytes.subarray(offset, end), () => {
        const now = Date.now();
        while (next < ends.length && ends[next] <= end) {
          endTimes.push(now);
          next++;
        }
        if (end >= bytes.length) process.send?.({ endTimes });
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
}
