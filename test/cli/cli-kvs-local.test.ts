import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { GetMediaCommand, KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { getMediaFixture, repoRoot } from '../support/paths';
import { buildBundles } from '../support/build';
import { clientOn } from '../support/kvs-local-clients';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';

interface Line {
  index: number;
  fragmentNumber: string | null;
  errorId: number | null;
  errorMeaning: string | null;
  frames: number;
  truncated: boolean;
}

/** GetMedia from kvs-local with the real SDK, its Payload piped into `kvs-inspect -` as it arrives; resolves with the first `want` lines. */
async function inspectLive(kvs: KvsLocalHandle, stream: string, want: number): Promise<Line[]> {
  const client = clientOn(kvs, KinesisVideoMediaClient);
  const abort = new AbortController();
  const response = await client.send(
    new GetMediaCommand({ StreamName: stream, StartSelector: { StartSelectorType: 'EARLIEST' } }),
    { abortSignal: abort.signal },
  );
  const payload = response.Payload as Readable;
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'kvs-inspect.js'), '-'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  payload.on('error', () => undefined);
  child.stdin.on('error', () => undefined);
  payload.pipe(child.stdin);
  const lines: Line[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        const parts = text.split('\n');
        text = parts.pop() ?? '';
        for (const part of parts) lines.push(JSON.parse(part) as Line);
        if (lines.length >= want) resolve();
      });
      child.on('exit', () =>
        lines.length >= want ? resolve() : reject(new Error(`kvs-inspect exited after ${lines.length} lines`)),
      );
      setTimeout(() => reject(new Error(`only ${lines.length} lines in 20 s`)), 20_000).unref();
    });
  } finally {
    abort.abort();
    payload.unpipe(child.stdin);
    payload.destroy();
    child.stdin.end();
    child.kill();
    client.destroy();
  }
  return lines;
}

describe('kvs-inspect over a live GetMedia from kvs-local (real HTTP, real SDK)', () => {
  let kvs: KvsLocalHandle;
  before(async () => {
    buildBundles('cli');
    kvs = await startKvsLocal({
      port: 0,
      log: () => undefined,
      seeds: [
        { name: 'door', file: getMediaFixture('output_get_media.mkv') },
        { name: 'door-error', file: getMediaFixture('output_get_media.mkv') },
      ],
      faults: [{ name: 'door-error', spec: 'error=4000@2' }],
    });
  });
  after(async () => {
    await kvs.close();
  });

  test('every seeded fragment comes out as a line while the connection is still open', async () => {
    const lines = await inspectLive(kvs, 'door', 5);
    assert.deepEqual(
      lines.map((l) => l.index),
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual(
      lines.map((l) => l.frames),
      [60, 60, 60, 60, 60],
    );
    assert.ok(lines.every((l) => /^\d{47}$/.test(l.fragmentNumber ?? '') && !l.truncated));
  });

  test('an in-band error chunk is a line with its id and meaning', async () => {
    const lines = await inspectLive(kvs, 'door-error', 3);
    assert.deepEqual(
      lines.slice(0, 2).map((l) => l.errorId),
      [null, null],
    );
    assert.equal(lines[2].errorId, 4000);
    assert.equal(lines[2].errorMeaning, 'Requested fragment is not found.');
  });
});
