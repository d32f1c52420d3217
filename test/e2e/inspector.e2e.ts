import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { GetMediaCommand, KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { Id } from '../../src/core/ebml/ids';
import { concat, ebmlHeader, element, tagsElement, uintElement, unknownSizeHeader } from '../../src/core/ebml/writer';
import type { Journey } from './journey';
import {
  answer,
  closeEditors,
  inspectFromPalette,
  inspectorRows as rows,
  openKinesisVideo,
  palette,
  quickInput,
  treeRow,
  visible,
  webview,
} from './workbench-actions';

// As a user: inspect the seeded stream "door" from EARLIEST (palette, no tree node: profile, region, stream, selector),
// inspect cam-0003 from its row in the explorer,
// see the capture's fragment numbers, open a row, copy its token and read the clipboard back, resume from it, see an
// injected 4000 decoded, then open a capture file from the workspace whose producer tag is hostile HTML: it shows as
// text and runs nothing.

const REPO = process.env.KVS_REPO_ROOT ?? process.cwd();
const CAPTURE = join(REPO, 'test/fixtures/getmedia/output_get_media.mkv');
const HOSTILE = '<img src=x onerror=alert(1)>';
const captureChunks = readAllChunks(readFileSync(CAPTURE)).records.length;
/** The fragment numbers kvs-local gave the seeded capture (it numbers seeds afresh): filled by the first stream step. */
let expected: string[] = [];

/** Asks kvs-local itself, with the real SDK and the runner's key pair, which fragments `stream` holds. */
async function fragmentNumbers(kvsUrl: string, stream: string, count: number): Promise<string[]> {
  const client = new KinesisVideoMediaClient({
    endpoint: kvsUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: 'kvs-local-secret' },
  });
  try {
    const out = await client.send(
      new GetMediaCommand({ StreamName: stream, StartSelector: { StartSelectorType: 'EARLIEST' } }),
    );
    const body = out.Payload as unknown as Readable;
    const parts: Buffer[] = [];
    for await (const part of body as AsyncIterable<Buffer>) {
      parts.push(part);
      const records = readAllChunks(Buffer.concat(parts)).records.filter(
        (r) => !r.truncated && r.continuationToken !== null,
      );
      if (records.length >= count) {
        body.destroy();
        return records.slice(0, count).map((r) => r.fragmentNumber ?? '');
      }
    }
    throw new Error(`GetMedia on ${stream} ended before ${count} chunks`);
  } finally {
    client.destroy();
  }
}
const dialogs: string[] = [];

/** A capture: the real one, then a chunk whose producer tags are hostile (HTML, control characters, 1 MB). */
function writeHostileCapture(folder: string): string {
  const file = join(folder, 'hostile-capture.mkv');
  const chunk = concat([
    ebmlHeader(),
    unknownSizeHeader(Id.Segment),
    tagsElement([
      ['CAMERA_NOTE', HOSTILE],
      ['CONTROL', 'bell\u0007end'],
      ['HUGE', 'y'.repeat(1_000_000)],
      ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', '91343852333181432392682062607743920146805217999'],
      ['AWS_KINESISVIDEO_SERVER_TIMESTAMP', '1537574915.281'],
      ['AWS_KINESISVIDEO_PRODUCER_TIMESTAMP', '1537574915.000'],
    ]),
    element(Id.Cluster, uintElement(Id.Timecode, 0)),
    tagsElement([
      ['AWS_KINESISVIDEO_MILLIS_BEHIND_NOW', '5'],
      ['AWS_KINESISVIDEO_CONTINUATION_TOKEN', '91343852333181432392682062607743920146805217999'],
    ]),
  ]);
  writeFileSync(file, concat([readFileSync(CAPTURE), chunk]));
  return file;
}

export const journey: Journey = {
  name: 'inspector',
  steps: [
    {
      name: 'open the workbench',
      async run({ page, workbenchUrl }) {
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(workbenchUrl);
        await visible(page.locator('.monaco-workbench .activitybar'), 'the activity bar', 60_000);
        // The extension's contributions are known once its view container shows: only then does the palette list its commands.
        await visible(
          page.locator('.activitybar [aria-label^="Kinesis Video"]'),
          'the Kinesis Video activity bar item',
          60_000,
        );
        await page.waitForTimeout(1000);
      },
    },
    {
      name: 'inspect door from EARLIEST and see its fragment numbers (as kvs-local stores them)',
      async run({ page, kvsUrl }) {
        expected = await fragmentNumbers(kvsUrl, 'door', captureChunks);
        await inspectFromPalette(page, 'kvs-local', 'door', 'EARLIEST');
        await visible(rows(page).nth(expected.length - 1), `${expected.length} rows`);
        const titles = await webview(page)
          .locator('.scroller .row[data-index]:visible .c-fragment')
          .evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
        if (JSON.stringify(titles) !== JSON.stringify(expected))
          throw new Error(`fragment numbers ${JSON.stringify(titles)} != ${JSON.stringify(expected)}`);
        await visible(webview(page).locator('.state', { hasText: /idle|streaming/ }), 'the streaming/idle state');
      },
    },
    {
      name: 'open a row and copy its continuation token (clipboard read back)',
      async run({ page }) {
        await rows(page).nth(2).click();
        await visible(
          webview(page).locator('.details .token-value', { hasText: expected[2] }),
          'the token in the details',
        );
        await webview(page).locator('.details vscode-button', { hasText: 'Copy token' }).click();
        // The host posts this toast once vscode.env.clipboard.writeText has resolved.
        await visible(
          webview(page).locator('.toast.shown', { hasText: 'Copied continuation token' }),
          'the Copied toast',
        );
        const clip = await page.evaluate(() => navigator.clipboard.readText());
        if (clip !== expected[2]) throw new Error(`clipboard holds ${JSON.stringify(clip)}, expected ${expected[2]}`);
      },
    },
    {
      name: 'resume from that token: the later chunks come again after a marker row',
      async run({ page }) {
        await webview(page).locator('.details vscode-button', { hasText: 'Resume from here' }).click();
        await visible(
          webview(page).locator('.row.notice', { hasText: `after continuation token ${expected[2]}` }),
          'the resume marker row',
        );
        await visible(rows(page).nth(expected.length + 1), 'the two chunks after the token, again');
        const titles = await webview(page)
          .locator('.scroller .row[data-index]:visible .c-fragment')
          .evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
        const again = titles.slice(expected.length);
        if (JSON.stringify(again) !== JSON.stringify(expected.slice(3)))
          throw new Error(`after resume: ${JSON.stringify(again)}`);
      },
    },
    {
      name: 'an injected in-band 4000 shows as a red row and a decoded banner',
      async run({ page, kvsUrl }) {
        const r = await fetch(`${kvsUrl}/kvs-local/fault`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ StreamName: 'cam-0003', Fault: 'error=4000' }),
        });
        if (r.status !== 200) throw new Error(`fault injection answered ${r.status}`);
        await closeEditors(page);
        // This time from the explorer: the stream row's inline Inspect action passes its node to the command.
        await openKinesisVideo(page);
        const row = treeRow(page, /^cam-0003/).first();
        await visible(row, 'the cam-0003 row in the Streams tree');
        await row.hover();
        await row.locator('.action-label[aria-label^="Inspect Stream"]').first().click();
        await answer(page, 'where should GetMedia start', 'EARLIEST');
        await visible(webview(page).locator('.row.error:visible', { hasText: '4000' }), 'the red error row');
        await visible(webview(page).locator('.banner-title', { hasText: '4000' }), 'the banner');
        await visible(
          webview(page).locator('.banner-meaning', { hasText: 'Requested fragment is not found' }),
          'the catalogue meaning',
        );
        await visible(webview(page).locator('.state-failed'), 'the failed state');
      },
    },
    {
      name: 'open a capture file from the workspace: hostile tag text shows as text and runs nothing',
      async run({ page, workbenchUrl }) {
        const folder = new URL(workbenchUrl).searchParams.get('folder');
        if (!folder) throw new Error('no workspace folder in the workbench URL');
        const file = writeHostileCapture(folder);
        await closeEditors(page);
        await palette(page, 'Inspect Capture File');
        // The palette and the open dialog share one input: wait for the dialog to have put its folder there first.
        await visible(
          page.locator('.quick-input-widget .quick-input-title', { hasText: 'capture file' }),
          'the open dialog',
        );
        await page.waitForFunction(() =>
          (
            document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null
          )?.value.endsWith('/'),
        );
        await quickInput(page).fill(file);
        await page.waitForTimeout(500);
        await page.keyboard.press('Enter');
        await visible(rows(page).nth(expected.length), 'the capture rows plus the hostile one');
        await rows(page).nth(expected.length).click();
        await visible(webview(page).locator('.details .tag-value', { hasText: HOSTILE }), 'the literal hostile text');
        if ((await webview(page).locator('.details img').count()) !== 0)
          throw new Error('an <img> element was created');
        // The reader keeps a record's tag text within its budget: a 1 MB value comes as a preview with its length.
        await visible(
          webview(page).locator('.details', { hasText: /tag value cut: .* holds 1000000 bytes/ }),
          'the 1 MB value kept as a preview, with its length',
        );
        await page.waitForTimeout(500);
        if (dialogs.length) throw new Error(`dialogs fired: ${dialogs.join(', ')}`);
      },
    },
  ],
};
