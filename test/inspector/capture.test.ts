import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaSession } from '../../src/aws/media-session/media-session';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { CaptureWriter } from '../../src/inspector/capture-writer';
import type { CaptureState } from '../../src/protocol';
import { RecordBatcher, type BatchClock } from '../../src/inspector/record-batcher';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { getMediaFixture } from '../support/paths';
import { Recorder } from '../aws/media-session/session-harness';
import { streamRef } from '../support/kvs-local-clients';
import { useKvsLocal } from '../support/kvs-local-suite';

describe('Save capture while streaming, and record batching', () => {
  const local = useKvsLocal();
  const tempDirs: string[] = [];
  after(async () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  test('the capture file holds whole chunks as sent, across a dropped connection, and reads back to the same rows', async () => {
    const fragments = await local.kvs.seed('saved', getMediaFixture('test_mixed_tags.mkv'));
    local.kvs.injectFault('saved', { dropAfterBytes: 9000 });
    const dir = mkdtempSync(join(tmpdir(), 'kvs-capture-'));
    tempDirs.push(dir);
    const path = join(dir, 'saved.mkv');
    const statuses: CaptureState[] = [];
    const writer = new CaptureWriter((s) => statuses.push(s));
    writer.start(path);
    const recorder = new (class extends Recorder {
      override chunks(chunks: Parameters<Recorder['chunks']>[0]): void {
        for (const c of chunks) writer.write(c.pieces);
        super.chunks(chunks);
      }
    })();
    recorder.onReconnecting = () => local.kvs.clearFaults('saved');
    const session = new MediaSession({
      factory: local.factory,
      stream: streamRef(local.kvs, 'saved'),
      start: { type: 'EARLIEST' },
      listener: recorder,
      keepChunkBytes: true,
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
    let reported: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (reported = resolve));
    const writer = new CaptureWriter((s) => {
      statuses.push(s);
      if (s.error !== null) reported();
    });
    writer.start('/proc/no-such-dir/capture.mkv');
    writer.write([new Uint8Array([1, 2, 3])]);
    await failed;
    assert.match(statuses[statuses.length - 1].error ?? '', /ENOENT|EACCES|no such/i);
    await writer.stop();
  });

  test('the batcher sends the first record at once, then at most one message per interval, in order', () => {
    const sent: ChunkRecord[][] = [];
    const clock = manualClock();
    const batcher = new RecordBatcher((records) => sent.push(records), 30, clock);
    const record = (index: number) => ({ index }) as ChunkRecord;
    for (let i = 0; i < 100; i++) batcher.add([record(i)]);
    assert.deepEqual(
      sent.map((b) => b.length),
      [1],
      'leading edge: the first record went at once, the burst waits',
    );
    clock.advance(100);
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
    clock.advance(60);
    assert.equal(sent.length, 4, 'nothing is sent after dispose');
  });
});

/** Time that moves only when the test says so: due timers run in order as it advances. */
function manualClock(): BatchClock & { advance(ms: number): void } {
  let now = 0;
  const timers: Array<{ at: number; run: () => void }> = [];
  return {
    now: () => now,
    setTimeout: (run, ms) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const i = timers.indexOf(handle as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    advance: (ms) => {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = next.at;
        next.run();
      }
      now = until;
    },
  };
}
