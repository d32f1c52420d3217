import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_COPY_CHARS,
  parseWebviewMessage,
  receiveWebviewMessage,
  type MessageHandler,
} from '../../src/inspector/webview-messages';
import { StreamFeed } from '../../src/inspector/stream-feed';
import type { WebviewToHost } from '../../src/protocol';
import { getMediaFixture } from '../support/paths';
import { streamRef } from '../support/kvs-local-clients';
import { useKvsLocal } from '../support/kvs-local-suite';

// Every message from the webview is checked on the host before anything acts on it; a bad one is logged and
// dropped, and nothing (a refused message, a handler that throws or rejects, a sink that throws) ends as an
// unhandled rejection.

const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};

async function settle(): Promise<void> {
  // Unhandled rejections are reported after the microtask queue drains and a macrotask passes.
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
}

describe('webview messages checked on the host', () => {
  before(() => process.on('unhandledRejection', onRejection));
  after(() => {
    process.off('unhandledRejection', onRejection);
  });

  const valid: WebviewToHost[] = [
    { type: 'ready' },
    { type: 'stop' },
    { type: 'resume' },
    { type: 'resumeFrom', token: '91343852333181432392682062607743920146264687125' },
    { type: 'clear' },
    { type: 'saveCapture' },
    { type: 'stopCapture' },
    { type: 'copy', text: 'continuation token 9134', label: 'continuation token' },
    { type: 'copy', text: '9134', label: 'continuation token', what: 'continuation-token' },
    { type: 'showLogs' },
    { type: 'rendered', lastIndex: 41, sentAt: 1_700_000_000_000, renderedAt: 1_700_000_000_016 },
    { type: 'filterUsed', text: 'keyframes == 0 || behind > 5000' },
    { type: 'copyCommand', pipeline: true, row: null },
    { type: 'copyCommand', pipeline: false, row: { index: 3, fragmentNumber: '9134385', previousToken: null } },
    { type: 'elementsRequest', index: 7 },
    { type: 'fetchChunk', index: 7, fragmentNumber: '91343852333181432392682062607743920146264687125' },
    { type: 'fetchChunk', index: 0, fragmentNumber: '9'.repeat(128) },
    { type: 'bytesRequest', requestId: 1, index: 2, offset: 4096, length: 4096 },
  ];
  for (const message of valid) {
    test(`${message.type} is accepted as sent`, () => {
      assert.deepEqual(parseWebviewMessage(message), { ok: true, message });
    });
  }

  test('unknown fields are dropped, not passed on', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'stop', extra: { huge: 'x'.repeat(1000) } }), {
      ok: true,
      message: { type: 'stop' },
    });
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['null', null, /not an object/],
    ['a string', 'ready', /not an object/],
    ['an array', [{ type: 'ready' }], /not an object/],
    ['no type', {}, /unknown type undefined/],
    ['an unknown type', { type: 'deleteEverything' }, /unknown type "deleteEverything"/],
    ['a prototype key as type', { type: 'toString' }, /unknown type "toString"/],
    ['__proto__ as type', JSON.parse('{"type":"__proto__"}'), /unknown type "__proto__"/],
    ['resumeFrom without a token', { type: 'resumeFrom' }, /token is not text/],
    ['resumeFrom with a number', { type: 'resumeFrom', token: 42 }, /token is not text/],
    ['resumeFrom with an empty token', { type: 'resumeFrom', token: '' }, /continuation token is 1 to 128/],
    ['resumeFrom with a 129-character token', { type: 'resumeFrom', token: '1'.repeat(129) }, /1 to 128/],
    [
      'resumeFrom with a JSON injection',
      { type: 'resumeFrom', token: '1","StartSelectorType":"EARLIEST' },
      /letters, digits/,
    ],
    ['resumeFrom with a newline', { type: 'resumeFrom', token: '123\n456' }, /letters, digits/],
    ['copy without a label', { type: 'copy', text: 'x' }, /text and label must be text/],
    ['copy of an object', { type: 'copy', text: { a: 1 }, label: 'x' }, /text and label must be text/],
    ['copy past the cap', { type: 'copy', text: 'x'.repeat(MAX_COPY_CHARS + 1), label: 'x' }, /more than/],
    ['copy of an unknown kind', { type: 'copy', text: 'x', label: 'x', what: 'secret' }, /not a known kind/],
    ['copy with a huge label', { type: 'copy', text: 'x', label: 'y'.repeat(5000) }, /a label of 5000/],
    ['rendered with a text index', { type: 'rendered', lastIndex: '4', sentAt: 1, renderedAt: 2 }, /lastIndex/],
    ['rendered with a fraction', { type: 'rendered', lastIndex: 1.5, sentAt: 1, renderedAt: 2 }, /lastIndex/],
    ['rendered with NaN times', { type: 'rendered', lastIndex: 1, sentAt: NaN, renderedAt: 2 }, /epoch ms/],
    ['rendered with Infinity', { type: 'rendered', lastIndex: 1, sentAt: 1, renderedAt: Infinity }, /epoch ms/],
    ['a filter past 2000 characters', { type: 'filterUsed', text: 'x'.repeat(2001) }, /at most 2000/],
    ['copyCommand without pipeline', { type: 'copyCommand', row: null }, /pipeline is not a boolean/],
    [
      'copyCommand with a huge token',
      { type: 'copyCommand', pipeline: false, row: { index: 1, fragmentNumber: null, previousToken: 'x'.repeat(129) } },
      /at most 128/,
    ],
    ['elementsRequest with a negative index', { type: 'elementsRequest', index: -1 }, /not a row index/],
    [
      'fetchChunk without a fragment number',
      { type: 'fetchChunk', index: 1 },
      /fragmentNumber must be 1 to 128 digits/,
    ],
    [
      'fetchChunk with an empty fragment number',
      { type: 'fetchChunk', index: 1, fragmentNumber: '' },
      /1 to 128 digits/,
    ],
    ['fetchChunk with a number', { type: 'fetchChunk', index: 1, fragmentNumber: 9134 }, /1 to 128 digits/],
    ['fetchChunk with 129 digits', { type: 'fetchChunk', index: 1, fragmentNumber: '9'.repeat(129) }, /1 to 128/],
    ['fetchChunk with a sign', { type: 'fetchChunk', index: 1, fragmentNumber: '-9134' }, /1 to 128 digits/],
    ['fetchChunk with a newline', { type: 'fetchChunk', index: 1, fragmentNumber: '9134\n' }, /1 to 128 digits/],
    [
      'fetchChunk with a JSON injection',
      { type: 'fetchChunk', index: 1, fragmentNumber: '9134","StreamName":"other' },
      /1 to 128 digits/,
    ],
    ['fetchChunk with a fractional index', { type: 'fetchChunk', index: 1.5, fragmentNumber: '9134' }, /row index/],
    [
      'bytesRequest with a text offset',
      { type: 'bytesRequest', requestId: 1, index: 0, offset: '0', length: 4 },
      /whole numbers/,
    ],
  ];
  for (const [what, raw, reason] of invalid) {
    test(`refused: ${what}`, async () => {
      const parsed = parseWebviewMessage(raw);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, reason);
      const handled: WebviewToHost[] = [];
      const lines: string[] = [];
      receiveWebviewMessage(
        raw,
        (m) => void handled.push(m),
        (l) => lines.push(l),
      );
      await settle();
      assert.deepEqual(handled, [], 'nothing acts on a refused message');
      assert.equal(lines.length, 1);
      assert.match(lines[0], /^Inspector: dropped a message from the webview: /);
      assert.ok(lines[0].length < 300, 'the log line quotes little of the message');
    });
  }

  test('a handler that rejects or throws is logged; no unhandled rejection', async () => {
    const lines: string[] = [];
    const rejecting: MessageHandler = async (m) => {
      throw new TypeError(`cannot ${m.type}`);
    };
    const throwing: MessageHandler = (m) => {
      throw new Error(`sync ${m.type}`);
    };
    receiveWebviewMessage({ type: 'stop' }, rejecting, (l) => lines.push(l));
    receiveWebviewMessage({ type: 'clear' }, throwing, (l) => lines.push(l));
    await settle();
    assert.deepEqual(lines.sort(), [
      'Inspector: "clear" failed: Error: sync clear',
      'Inspector: "stop" failed: TypeError: cannot stop',
    ]);
    assert.deepEqual(rejections, []);
  });

  describe('a live feed whose sink throws', () => {
    const local = useKvsLocal();
    before(() => local.kvs.seed('door', getMediaFixture('test_mixed_tags.mkv')));

    test('ends with a log line, never an unhandled rejection, also after Resume and Stop', async () => {
      const lines: string[] = [];
      const feed = new StreamFeed(local.factory, streamRef(local.kvs, 'door'), { type: 'EARLIEST' }, (l) =>
        lines.push(l),
      );
      const broken = (): never => {
        throw new RangeError('the view is gone');
      };
      feed.start({ records: broken, notice: broken, banner: broken, stateChanged: broken });
      for (let i = 0; i < 300 && !lines.some((l) => /ended: RangeError/.test(l)); i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.ok(
        lines.some((l) => /^GetMedia door ended: RangeError: the view is gone/.test(l)),
        lines.join('\n'),
      );
      assert.throws(() => feed.resume('123'), RangeError, 'the sink throws on the banner it clears');
      await feed.stop();
      feed.dispose();
      await settle();
      assert.deepEqual(rejections, []);
    });
  });
});
