import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchiveEndpoints } from '../../../src/aws/archive/archive-endpoints';
import { saveClip } from '../../../src/aws/archive/clip';
import { fragmentBatches, FragmentListSession } from '../../../src/aws/archive/fragment-list-session';
import { imageWindows, samplingInterval, thumbnailPages, type Thumbnail } from '../../../src/aws/archive/images';
import { listFragmentPages, type TimeRange } from '../../../src/aws/archive/list-fragments';
import { askPlaybackApis } from '../../../src/aws/archive/playback';
import type { ChunkRecord } from '../../../src/core/getmedia/record';
import { appendSyntheticFragments } from '../../../kvs-local/synthetic';
import { getMediaFixture } from '../../support/paths';
import { gapAndNoCodecPrivate } from '../../support/archive-seeds';
import { streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';

const FILE = getMediaFixture('clusters.mkv');
const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe('archive calls against kvs-local', () => {
  const local = useKvsLocal({ seeds: gapAndNoCodecPrivate(FILE, 300_000) });
  let endpoints: ArchiveEndpoints;
  let dir: string;
  before(async () => {
    const many = local.kvs.createStream('many');
    appendSyntheticFragments(local.kvs.store, many, local.kvs.store.get('gap')?.fragments[0].head ?? new Uint8Array(), {
      count: 2500,
      spacingMs: 1000,
    });
    endpoints = new ArchiveEndpoints(local.factory);
    dir = mkdtempSync(join(tmpdir(), 'archive-calls-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
  });
  const lastHour = (): TimeRange => ({ type: 'SERVER_TIMESTAMP', startMs: Date.now() - 3_600_000, endMs: Date.now() });

  test('ListFragments pages of 1,000 to the end; an abort stops after the page in hand', async () => {
    const sizes: number[] = [];
    const numbers = new Set<string>();
    for await (const page of listFragmentPages(
      endpoints,
      streamRef(local.kvs, 'many', false),
      lastHour(),
      new AbortController().signal,
    )) {
      sizes.push(page.length);
      for (const f of page) numbers.add(f.number);
    }
    assert.deepEqual(sizes, [1000, 1000, 500]);
    assert.equal(numbers.size, 2500);
    const controller = new AbortController();
    let pages = 0;
    for await (const _page of listFragmentPages(
      endpoints,
      streamRef(local.kvs, 'many', false),
      lastHour(),
      controller.signal,
    )) {
      pages++;
      controller.abort();
    }
    assert.equal(pages, 1);
  });

  test('fragment numbers go in calls of at most 1,000, in the order chosen', () => {
    const numbers = Array.from({ length: 2345 }, (_, i) => String(1_000_000 + ((i * 7) % 2345)));
    const batches = fragmentBatches(numbers);
    assert.deepEqual(
      batches.map((b) => b.length),
      [1000, 1000, 345],
    );
    assert.deepEqual(batches.flat(), numbers);
    assert.deepEqual(fragmentBatches([]), []);
  });

  test('GetMediaForFragmentList over 2,001 fragments: three calls, every chunk in the order asked', async () => {
    const stored = local.kvs.store.get('many')?.fragments ?? [];
    const chosen = [...stored.slice(0, 2001)].reverse().map((f) => f.number);
    const records: ChunkRecord[] = [];
    const lines: string[] = [];
    const session = new FragmentListSession({
      endpoints,
      stream: streamRef(local.kvs, 'many', false),
      numbers: chosen,
      listener: {
        chunks: (chunks) => records.push(...chunks.map((c) => c.record)),
        state: () => undefined,
        httpError: (e) => assert.fail(`${e.name}: ${e.message}`),
        log: (line) => lines.push(line),
      },
    });
    await session.run();
    assert.deepEqual(
      records.map((r) => r.fragmentNumber),
      chosen,
    );
    assert.equal(lines.filter((l) => /call \d of 3/.test(l)).length, 3);
    assert.equal(session.snapshot().state, 'done');
  });

  test(
    'thumbnails: images where media is, NO_MEDIA in the gap, MEDIA_ERROR without CodecPrivate',
    { skip: !haveFfmpeg && 'no ffmpeg' },
    async () => {
      const gap = local.kvs.store.get('gap')?.fragments ?? [];
      const window: TimeRange = {
        type: 'PRODUCER_TIMESTAMP',
        startMs: gap[6].producerTimestampMs,
        endMs: gap[6].producerTimestampMs + 16_000,
      };
      const got: Thumbnail[] = [];
      for await (const page of thumbnailPages(
        endpoints,
        streamRef(local.kvs, 'gap', false),
        window,
        { intervalMs: 4000, width: 64, height: 48 },
        new AbortController().signal,
      ))
        got.push(...page);
      assert.deepEqual(
        got.map((t) => t.error ?? 'jpeg'),
        // The 7th fragment plays for 1.9 s, the 8th (last before the gap) for 1 s: +4 s falls after it.
        ['jpeg', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA'],
      );
      assert.ok(
        Buffer.from(got[0].jpegBase64 ?? '', 'base64')
          .subarray(0, 2)
          .equals(Buffer.from([0xff, 0xd8])),
      );
      const noCpd = local.kvs.store.get('no-cpd')?.fragments[0].producerTimestampMs ?? 0;
      const broken: Thumbnail[] = [];
      const brokenWindow: TimeRange = { type: 'PRODUCER_TIMESTAMP', startMs: noCpd, endMs: noCpd + 4000 };
      const options = { intervalMs: 2000, width: 64, height: 48 };
      for await (const page of thumbnailPages(
        endpoints,
        streamRef(local.kvs, 'no-cpd', false),
        brokenWindow,
        options,
        new AbortController().signal,
      ))
        broken.push(...page);
      assert.deepEqual(
        broken.map((t) => t.error),
        ['MEDIA_ERROR', 'MEDIA_ERROR', 'MEDIA_ERROR'],
      );
    },
  );

  test('thumbnail sampling fits the zoom and the service limits', () => {
    assert.equal(samplingInterval(60_000, 30), 2000);
    assert.equal(samplingInterval(1000, 100), 200, 'never under 200 ms');
    const windows = imageWindows({ type: 'SERVER_TIMESTAMP', startMs: 0, endMs: 900_000 }, 10_000);
    assert.ok(windows.every((w) => w.endMs - w.startMs <= 300_000));
    assert.equal(windows[0].startMs, 0);
    assert.equal(windows.at(-1)?.endMs, 900_000);
  });

  test('"why won\'t it play?": HLS, DASH and GetClip answer with URLs, or each refusal decoded', async () => {
    const good = await askPlaybackApis(
      endpoints,
      streamRef(local.kvs, 'gap', false),
      lastHour(),
      new AbortController().signal,
    );
    assert.deepEqual(
      good.map((a) => [a.api, a.ok]),
      [
        ['GetHLSStreamingSessionURL', true],
        ['GetDASHStreamingSessionURL', true],
        ['GetClip', true],
      ],
    );
    const bad = await askPlaybackApis(
      endpoints,
      streamRef(local.kvs, 'no-cpd', false),
      lastHour(),
      new AbortController().signal,
    );
    for (const answer of bad) {
      assert.equal(answer.ok, false);
      if (answer.ok) continue;
      assert.equal(answer.refusal.name, 'MissingCodecPrivateDataException');
      assert.match(answer.refusal.whatToDo, /CodecPrivate/);
      assert.equal(answer.refusal.status, 400);
    }
  });

  test('Save clip: GetClip streamed to a file with progress', { skip: !haveFfmpeg && 'no ffmpeg' }, async () => {
    const file = join(dir, 'clip.mp4');
    const progress: number[] = [];
    const out = await saveClip(
      endpoints,
      streamRef(local.kvs, 'gap', false),
      { ...lastHour(), endMs: Date.now() - 1 },
      file,
      (b) => progress.push(b),
      new AbortController().signal,
    );
    assert.equal(out.contentType, 'video/mp4');
    assert.equal(statSync(file).size, out.bytes);
    assert.equal(progress.at(-1), out.bytes);
  });
});
