/// <reference lib="dom" />
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { analyzeTimeline, type FragmentInfo } from '../../src/core/archive/timeline';
import { timelineColumns } from '../../src/core/archive/timeline-columns';
import type { FragmentsToHost, HostToFragments } from '../../src/protocol';
import { buildWebview, FRAGMENTS_BUNDLE, openWebviewPage, type WebviewPage } from './webview-page';

const COUNT = 100_000;
const START = Date.UTC(2026, 11, 1, 0, 0, 0);
const GAP_AT = 50_000;
const GAP_MS = 300_000;

/** 100,000 two-second fragments with one five-minute gap. */
function fragments(): FragmentInfo[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const t = START + i * 2000 + (i >= GAP_AT ? GAP_MS : 0);
    return {
      number: String(91343852333181432392682062600000000000000000000n + BigInt(i) * 3n),
      producerMs: t,
      serverMs: t + 150,
      durationMs: 1990,
      sizeBytes: 150_000,
    };
  });
}

describe('Fragments webview in headless Chromium under the real CSP', () => {
  let p: WebviewPage<HostToFragments, FragmentsToHost>;
  before(async () => {
    buildWebview(FRAGMENTS_BUNDLE);
    p = await openWebviewPage<HostToFragments, FragmentsToHost>(FRAGMENTS_BUNDLE);
    const end = START + COUNT * 2000 + GAP_MS;
    await p.send({
      type: 'init',
      streamName: 'door-cam',
      profile: 'kvs-local',
      region: 'us-east-1',
      timestampType: 'PRODUCER_TIMESTAMP',
      rangeStartMs: START,
      rangeEndMs: end,
    });
    await p.send({ type: 'progress', progress: { pages: 100, fragments: COUNT, state: 'done' } });
    await p.send({
      type: 'timeline',
      ...timelineColumns(
        analyzeTimeline(fragments(), { type: 'PRODUCER_TIMESTAMP', rangeStartMs: START, rangeEndMs: end }),
        'PRODUCER_TIMESTAMP',
      ),
    });
  });
  after(async () => {
    await p?.browser.close();
  });

  test('100,000 fragments: a summary naming the gap, only the rows in view in the DOM', async () => {
    await p.page.waitForFunction(() => document.querySelectorAll('.fragment-row[data-index]').length > 0);
    const summary = await p.page.textContent('.summary');
    assert.match(summary ?? '', /100,000 fragments/);
    assert.match(summary ?? '', /1 gap totalling 5m 0s, largest 5m 0s/);
    const inDom = await p.page.locator('.fragment-row[data-index]').count();
    assert.ok(inDom < 200, `${inDom} rows in the DOM`);
    await p.page.evaluate((top) => (document.querySelector('.scroller') as HTMLElement).scrollTo(0, top), GAP_AT * 22);
    const gapRow = p.page.locator(`.fragment-row[data-index="${GAP_AT}"]`);
    await gapRow.waitFor();
    assert.match((await gapRow.locator('.c-flags').textContent()) ?? '', /gap 5m 0s before/);
    await p.shot('fragments-gap');
  });

  test('three fragments selected (click, shift-click): Inspect asks for exactly those, in order', async () => {
    await p.page.locator(`.fragment-row[data-index="${GAP_AT}"]`).click();
    await p.page.locator(`.fragment-row[data-index="${GAP_AT + 2}"]`).click({ modifiers: ['Shift'] });
    await p.page.getByText('Inspect', { exact: true }).click();
    const inspect = (await p.posted()).filter((m) => m.type === 'inspect');
    const numbers = fragments()
      .slice(GAP_AT, GAP_AT + 3)
      .map((f) => f.number);
    assert.deepEqual(inspect.at(-1), { type: 'inspect', numbers });
  });

  test('thumbnails: requested for the visible span (at most 100), shown as images or as the reason there are none', async () => {
    const ask = (await p.posted()).find((m) => m.type === 'thumbnails');
    assert.ok(ask && ask.type === 'thumbnails' && ask.count <= 100 && ask.endMs > ask.startMs);
    const jpeg = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=red:s=32x18',
      '-frames:v',
      '1',
      '-c:v',
      'mjpeg',
      '-f',
      'image2pipe',
      'pipe:1',
    ]).stdout;
    await p.send({
      type: 'thumbnails',
      request: ask.request,
      done: true,
      items: [
        { timeMs: START, jpegBase64: jpeg.toString('base64'), error: null },
        { timeMs: START + 2000, jpegBase64: null, error: 'NO_MEDIA' },
        { timeMs: START + 4000, jpegBase64: null, error: 'MEDIA_ERROR' },
      ],
    });
    await p.page.waitForFunction(() => document.querySelectorAll('.thumb').length === 3);
    const states = await p.page.$$eval('.thumb', (els) => els.map((e) => (e as HTMLElement).dataset.state));
    assert.deepEqual(states, ['image', 'NO_MEDIA', 'MEDIA_ERROR']);
    await p.page.waitForFunction(() => (document.querySelector('.thumb canvas') as HTMLCanvasElement).width === 32);
  });

  test("why won't it play: each answer decoded next to the tracks the reader saw", async () => {
    await p.page.getByText("Why won't it play?", { exact: true }).click();
    const ask = (await p.posted()).filter((m) => m.type === 'whyWontItPlay').at(-1);
    assert.ok(ask && ask.type === 'whyWontItPlay');
    assert.equal(ask.firstFragment, fragments()[GAP_AT].number);
    const refusal = {
      operation: 'GetHLSStreamingSessionURL',
      name: 'MissingCodecPrivateDataException',
      status: 400,
      requestId: 'req-1',
      message: 'No codec private data was found in track 1 (V_MPEG4/ISO/AVC).',
      meaning: 'A track of the first fragment in range has no codec private data (CodecPrivate).',
      whatToDo: 'The producer must send CodecPrivate (SPS/PPS in AVCC form).',
    };
    await p.send({
      type: 'playback',
      answers: [
        { api: 'GetHLSStreamingSessionURL', ok: false, refusal },
        {
          api: 'GetDASHStreamingSessionURL',
          ok: false,
          refusal: { ...refusal, operation: 'GetDASHStreamingSessionURL' },
        },
        { api: 'GetClip', ok: true, url: '', expiresAtMs: START, detail: 'video/mp4 clip available' },
      ],
      tracks: [
        {
          number: 1,
          type: 1,
          codecId: 'V_MPEG4/ISO/AVC',
          codecPrivateLength: 0,
          codecPrivateFirstByte: null,
          width: 640,
          height: 480,
        },
      ],
      verdict:
        'GetClip: MissingCodecPrivateDataException: No codec private data was found in track 1 (V_MPEG4/ISO/AVC).',
    });
    const text = (await p.page.textContent('.why')) ?? '';
    assert.match(text, /GetHLSStreamingSessionURL: MissingCodecPrivateDataException \(HTTP 400\), request req-1/);
    assert.match(text, /Track 1: video V_MPEG4\/ISO\/AVC 640x480, CodecPrivate missing/);
    assert.match(text, /GetClip: plays/);
    await p.shot('fragments-why');
  });

  test('hostile text from the service stays text; no script error, no CSP violation', async () => {
    await p.send({
      type: 'error',
      refusal: {
        operation: 'ListFragments',
        name: '<img src=x onerror=alert(1)>',
        status: 400,
        requestId: null,
        message: '<script>alert(2)</script>',
        meaning: 'm',
        whatToDo: 'w',
      },
    });
    assert.match((await p.page.textContent('.banner')) ?? '', /<img src=x onerror=alert\(1\)>/);
    assert.equal(await p.page.locator('.banner img').count(), 0);
    assert.deepEqual(p.dialogs, []);
    assert.deepEqual(p.consoleErrors, []);
  });

  test('a timeline message with a broken column: a banner names it, the rows shown stay', async () => {
    const broken = { type: 'timeline', columns: { type: 'SERVER_TIMESTAMP', numbers: ['1'], producerMs: [1] } };
    await p.page.evaluate((m) => window.postMessage(m, '*'), broken);
    await p.page.waitForFunction(() => (document.querySelector('.banner')?.textContent ?? '').includes('timeline'));
    assert.equal(await p.page.textContent('.banner'), 'timeline message: serverMs is not a list of 1 numbers');
    assert.match((await p.page.textContent('.summary')) ?? '', /100,000 fragments/);
    assert.equal(await p.page.locator(`.fragment-row[data-index="${GAP_AT}"]`).count(), 1);
    assert.deepEqual(p.consoleErrors, []);
  });
});
