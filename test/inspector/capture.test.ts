import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { MediaSession } from '../../src/aws/media-session/media-session';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { CaptureWriter } from '../../src/inspector/capture-writer';
import type { CaptureState } from '../../src/protocol';
import { RecordBatcher } from '../../src/inspector/record-batcher';
import type { KvsClientFactory } from '../../src/aws/client-factory';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { getMediaFixture } from '../support/paths';
import { kvsLocalFactory, Recorder, streamRef } from '../aws/media-session/session-harness';

describe('Save capture while streaming, and record batching', () => {
  let kvs: KvsLocalHandle;
  let clients: { factory: KvsClientFactory; destroy(): void };
  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined });
    clients = kvsLocalFactory(kvs);
  });
  after(async () => {
    clients.destroy();
    await kvs.close();
  });

  test('the capture file holds whole chunks as sent, across a dropped connection, and reads back to the same rows', async () => {
    const fragments = await kvs.seed('saved', getMediaFixture('test_mixed_tags.mkv'));
    kvs.injectFault('saved', { dropAfterBytes: 9000 });
    const path = join(mkdtempSync(join(tmpdir(), 'kvs-capture-')), 'saved.mkv');
    const statuses: CaptureState[] = [];
    const writer = new CaptureWriter((s) => statuses.push(s));
    writer.start(path);
    const recorder = new (class extends Recorder {
      override chunks(chunks: Parameters<Recorder['chunks']>[0]): void {
        for (const c of chunks) writer.write(c.bytes);
        super.chunks(chunks);
      }
    })();
    recorder.onReconnecting = () => kvs.clearFaults('saved');
    const session = new MediaSession({
      factory: clients.factory,
      stream: streamRef(kvs, 'saved'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      initialBackoffMs: 20,
    });
    const done = session.run();
    await recorder.until(() => recorder.fragmentNumbers.length === fragments.length, 'every fragment');
    await session.stop();
    await done;
    await writer.stop();
    assert.ok(recorder.reconnects.length >= 1, 'the connection dropped at least once');
    const saved = readAllChunks(readFileSync(path));
    assert.equal(saved.fault, null);
    assert.deepEqual(
      saved.records.map((r) => r.fragmentNumber),
      fragments.map((f) => f.number),
    );
    assert.deepEqual(
      saved.records.map((r) => [r.byteOffset, r.byteLength]),
      recorder.records.map((r) => [r.byteOffset, r.byteLength]),
    );
    const last = statuses[statuses.length - 1];
    assert.equal(last.saving, false);
    assert.equal(last.fileName, 'saved.mkv');
    assert.equal(last.bytesWritten, readFileSync(path).length);
  });

  test('a capture to an unwritable path reports the error instead of throwing', async () => {
    const statuses: CaptureState[] = [];
    const writer = new CaptureWriter((s) => statuses.push(s));
    writer.start('/proc/no-such-dir/capture.mkv');
    writer.write(new Uint8Array([1, 2, 3]));
    await new Promise((r) => setTimeout(r, 100));
    assert.match(statuses[statuses.length - 1].error ?? '', /ENOENT|EACCES|no such/i);
    await writer.stop();
  });

  test('the batcher sends the first record at once, then at most one message per interval, in order', async () => {
    const sent: ChunkRecord[][] = [];
    const batcher = new RecordBatcher((records) => sent.push(records), 30);
    const record = (index: number) => ({ index }) as ChunkRecord;
    for (let i = 0; i < 100; i++) batcher.add([record(i)]);
    assert.deepEqual(
      sent.map((b) => b.length),
      [1],
      'leading edge: the first record went at once, the burst waits',
    );
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      sent.map((b) => b.length),
      [1, 99],
    );
    assert.deepEqual(
      sent.flat().map((r) => r.index),
      Array.from({ length: 100 }, (_, i) => i),
    );
    batcher.add([record(100)]);
    assert.equal(sent.length, 3, 'a record after a quiet interval goes at once');
    batcher.add([record(101)]);
    batcher.flush();
    assert.equal(sent.length, 4, 'flush() sends at once');
    batcher.add([record(102)]);
    batcher.dispose();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(sent.length, 4, 'nothing is sent after dispose');
  });
});
