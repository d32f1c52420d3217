import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { GetMediaCommand } from '@aws-sdk/client-kinesis-video-media';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { getMediaFixture } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { getMedia } from './media-client';
import { completeChunks } from './read-chunks';
import { rejection } from '../support/sdk-rejection';

const SEED = getMediaFixture('output_get_media.mkv');
const streams = ['rate', 'connections', 'error', 'drop', 'stall', 'stall-left', 'kms', 'admin', 'end'];

describe('kvs-local GetMedia limits and fault injection', () => {
  const local = useKvsLocal({
    seeds: streams.map((name) => ({ name, file: SEED })),
    faults: [{ name: 'drop', spec: 'drop=1000' }],
  });

  test('a sixth GetMedia call within a second gets ClientLimitExceededException (400)', async () => {
    for (let i = 0; i < 5; i++) {
      const call = await local.media.send(
        new GetMediaCommand({ StreamName: 'rate', StartSelector: { StartSelectorType: 'NOW' } }),
      );
      (call.Payload as unknown as Readable).destroy();
      await new Promise((r) => setTimeout(r, 20));
    }
    const sixth = await rejection(
      local.media.send(new GetMediaCommand({ StreamName: 'rate', StartSelector: { StartSelectorType: 'NOW' } })),
    );
    assert.equal(sixth.name, 'ClientLimitExceededException');
    assert.equal(sixth.$metadata.httpStatusCode, 400);
  });

  test('a fourth concurrent connection gets ConnectionLimitExceededException (400); closing one frees it', async () => {
    const open = [];
    for (let i = 0; i < 3; i++)
      open.push(
        await local.media.send(
          new GetMediaCommand({ StreamName: 'connections', StartSelector: { StartSelectorType: 'NOW' } }),
        ),
      );
    const fourth = await rejection(
      local.media.send(new GetMediaCommand({ StreamName: 'connections', StartSelector: { StartSelectorType: 'NOW' } })),
    );
    assert.equal(fourth.name, 'ConnectionLimitExceededException');
    assert.equal(fourth.$metadata.httpStatusCode, 400);
    (open[0].Payload as unknown as Readable).destroy();
    await new Promise((r) => setTimeout(r, 1100));
    const again = await local.media.send(
      new GetMediaCommand({ StreamName: 'connections', StartSelector: { StartSelectorType: 'NOW' } }),
    );
    (again.Payload as unknown as Readable).destroy();
    for (const c of open.slice(1)) (c.Payload as unknown as Readable).destroy();
  });

  test('error=ID@N sends N chunks, then the in-band error chunk, then ends', async () => {
    local.kvs.injectFault('error', 'error=4501@2');
    const got = await getMedia(local.media, 'error', { StartSelectorType: 'EARLIEST' });
    assert.equal(got.ending, 'end');
    assert.equal(got.chunks.length, 3);
    assert.equal(got.chunks[2].aws.get('ERROR_ID'), '4501');
    assert.equal(got.chunks[2].aws.get('ERROR_CODE'), 'KMS_KEY_DISABLED');
    // src/core's reader (what the inspector shows) sees two fragments and then the error with its meaning.
    const records = readAllChunks(new Uint8Array(got.bytes)).records;
    assert.deepEqual(
      records.map((r) => r.errorId),
      [null, null, 4501],
    );
    assert.ok(records[2].errorMeaning);
    assert.equal(records[2].errorCode, 'KMS_KEY_DISABLED');
    local.kvs.clearFaults('error');
    const clean = await getMedia(
      local.media,
      'error',
      { StartSelectorType: 'EARLIEST' },
      (c) => completeChunks(c).length >= 5,
    );
    assert.equal(clean.chunks.length, 5);
  });

  test('drop=BYTES cuts the connection after exactly that many bytes', async () => {
    const got = await getMedia(local.media, 'drop', { StartSelectorType: 'EARLIEST' });
    assert.equal(got.ending, 'error');
    assert.equal(got.bytes.length, 1000);
  });

  test('stall=SECONDS pauses after the first chunk', async () => {
    local.kvs.injectFault('stall', { stallSeconds: 2, stallBeforeChunk: 1 });
    const started = Date.now();
    const first = await getMedia(
      local.media,
      'stall',
      { StartSelectorType: 'EARLIEST' },
      (c) => completeChunks(c).length >= 1,
    );
    assert.ok(Date.now() - started < 1900, 'the first chunk comes before the stall ends');
    assert.equal(first.chunks.length, 1);
    const t0 = Date.now();
    const two = await getMedia(
      local.media,
      'stall',
      { StartSelectorType: 'EARLIEST' },
      (c) => completeChunks(c).length >= 2,
      6000,
    );
    assert.ok(completeChunks(two.chunks).length >= 2);
    assert.ok(Date.now() - t0 >= 1950, 'the second chunk waits out the stall');
  });

  test('a client that leaves a stalled response frees its connection at once, not when the stall ends', async () => {
    local.kvs.injectFault('stall-left', 'stall=600@1');
    const call = () =>
      local.media.send(
        new GetMediaCommand({ StreamName: 'stall-left', StartSelector: { StartSelectorType: 'EARLIEST' } }),
      );
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await call());
    for (const c of open) (c.Payload as unknown as Readable).destroy();
    // The three slots come back as the server sees each client go (a rate-limit answer meanwhile is fine).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const next = await call().then(
        (c) => c,
        (e: Error) => e,
      );
      if (!(next instanceof Error)) {
        (next.Payload as unknown as Readable).destroy();
        break;
      }
      if (Date.now() > deadline) assert.fail(`no connection 20 s after the clients left (last: ${next.name})`);
      await new Promise((r) => setTimeout(r, 250));
    }
    local.kvs.clearFaults('stall-left');
  });

  test('end=N ends the session cleanly after N chunks; the continuation token resumes right after them', async () => {
    local.kvs.injectFault('end', 'end=2');
    const first = await getMedia(local.media, 'end', { StartSelectorType: 'EARLIEST' });
    assert.equal(first.ending, 'end');
    assert.equal(completeChunks(first.chunks).length, 2);
    const token = first.chunks[1].aws.get('CONTINUATION_TOKEN');
    const rest = await getMedia(local.media, 'end', {
      StartSelectorType: 'CONTINUATION_TOKEN',
      ContinuationToken: token,
    });
    const all = local.kvs.store.get('end')?.fragments.map((f) => f.number) ?? [];
    assert.deepEqual(
      rest.chunks.map((c) => c.aws.get('FRAGMENT_NUMBER')),
      all.slice(2, 4),
    );
  });

  test('kms fails every read with the KMS error chunk', async () => {
    local.kvs.injectFault('kms', 'kms=4503');
    for (let i = 0; i < 2; i++) {
      const got = await getMedia(local.media, 'kms', { StartSelectorType: 'EARLIEST' });
      assert.equal(got.ending, 'end');
      assert.deepEqual(
        got.chunks.map((c) => c.aws.get('ERROR_ID')),
        ['4503'],
      );
    }
  });

  test('the unsigned admin call injects and clears faults; a bad spec is InvalidArgumentException', async () => {
    const post = (body: object): Promise<Response> =>
      fetch(`${local.kvs.url}/kvs-local/fault`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal((await post({ StreamName: 'admin', Fault: 'error=5000' })).status, 200);
    const got = await getMedia(local.media, 'admin', { StartSelectorType: 'EARLIEST' });
    assert.deepEqual(
      got.chunks.map((c) => c.aws.get('ERROR_ID')),
      ['5000'],
    );
    assert.equal((await post({ StreamName: 'admin' })).status, 200);
    const bad = await post({ StreamName: 'admin', Fault: 'explode' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('x-amzn-errortype'), 'InvalidArgumentException');
    const created = await fetch(`${local.kvs.url}/kvs-local/createStreams`, {
      method: 'POST',
      body: JSON.stringify({ Prefix: 'bulk-', Count: 50 }),
    });
    assert.equal(((await created.json()) as { StreamNames: string[] }).StreamNames.length, 50);
    assert.ok(local.kvs.store.get('bulk-0049'));
  });
});
