import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { GetClipCommand, GetHLSStreamingSessionURLCommand } from '@aws-sdk/client-kinesis-video-archived-media';
import { decodeRefusal, DECODED_REFUSALS } from '../../../src/aws/archive/refusals';
import { useKvsLocal } from '../../support/kvs-local-suite';
import { getMediaFixture } from '../../support/paths';

const FILE = getMediaFixture('clusters.mkv');

/** A copy of the stream's head with `from` replaced by `to` (same length), to make a track the service refuses. */
function patched(head: Uint8Array, from: number[], to: number[]): Uint8Array {
  const copy = Uint8Array.from(head);
  for (let i = 0; i + from.length <= copy.length; i++)
    if (from.every((b, j) => copy[i + j] === b)) {
      copy.set(to, i);
      return copy;
    }
  throw new Error('pattern not found');
}

describe('every archive refusal decoded, from kvs-local answering as the service does', () => {
  const local = useKvsLocal({
    seeds: [
      { name: 'plain', file: FILE },
      { name: 'no-cpd', file: FILE, withoutCodecPrivate: true },
      { name: 'annex-b', file: FILE },
      { name: 'vp8', file: FILE },
    ],
  });
  before(async () => {
    local.kvs.store.create({ name: 'no-retention', dataRetentionInHours: 0 });
    // CodecPrivate element id 0x63A2, size, then configurationVersion 1: make it 0 (not AVCC).
    for (const f of local.kvs.store.get('annex-b')?.fragments ?? []) f.head = patchCodecPrivate(f.head);
    const codec = [...Buffer.from('V_MPEG4/ISO/AVC')];
    for (const f of local.kvs.store.get('vp8')?.fragments ?? [])
      f.head = patched(f.head, codec, [...Buffer.from('V_VP8\0\0\0\0\0\0\0\0\0\0')]);
  });

  function patchCodecPrivate(head: Uint8Array): Uint8Array {
    const copy = Uint8Array.from(head);
    for (let i = 0; i < copy.length - 3; i++)
      if (copy[i] === 0x63 && copy[i + 1] === 0xa2) {
        const sizeWidth = Math.clz32(copy[i + 2]) - 23;
        copy[i + 2 + sizeWidth] = 0;
        return copy;
      }
    throw new Error('no CodecPrivate');
  }

  const range = (ago = 3_600_000) => ({
    FragmentSelectorType: 'SERVER_TIMESTAMP' as const,
    TimestampRange: { StartTimestamp: new Date(Date.now() - ago), EndTimestamp: new Date(Date.now() - 1) },
  });
  const cases: Array<[string, () => Promise<unknown>, string]> = [
    [
      'no retention',
      () => local.archivedMedia.send(new GetClipCommand({ StreamName: 'no-retention', ClipFragmentSelector: range() })),
      'NoDataRetentionException',
    ],
    [
      'no CodecPrivate',
      () => local.archivedMedia.send(new GetClipCommand({ StreamName: 'no-cpd', ClipFragmentSelector: range() })),
      'MissingCodecPrivateDataException',
    ],
    [
      'CodecPrivate not AVCC',
      () => local.archivedMedia.send(new GetClipCommand({ StreamName: 'annex-b', ClipFragmentSelector: range() })),
      'InvalidCodecPrivateDataException',
    ],
    [
      'VP8 video',
      () => local.archivedMedia.send(new GetClipCommand({ StreamName: 'vp8', ClipFragmentSelector: range() })),
      'UnsupportedStreamMediaTypeException',
    ],
    [
      'no fragments in range',
      () =>
        local.archivedMedia.send(
          new GetClipCommand({
            StreamName: 'plain',
            ClipFragmentSelector: {
              FragmentSelectorType: 'SERVER_TIMESTAMP',
              TimestampRange: {
                StartTimestamp: new Date(Date.now() - 20 * 3_600_000),
                EndTimestamp: new Date(Date.now() - 19 * 3_600_000),
              },
            },
          }),
        ),
      'ResourceNotFoundException',
    ],
    [
      'range over 24 h',
      () =>
        local.archivedMedia.send(
          new GetHLSStreamingSessionURLCommand({
            StreamName: 'plain',
            PlaybackMode: 'ON_DEMAND',
            HLSFragmentSelector: range(25 * 3_600_000),
          }),
        ),
      'InvalidArgumentException',
    ],
  ];
  for (const [name, call, expected] of cases) {
    test(`${name}: ${expected}`, async () => {
      const error = await call().then(
        () => assert.fail('expected a refusal'),
        (e: unknown) => e,
      );
      const refusal = decodeRefusal('GetClip', error);
      assert.equal(refusal.name, expected);
      assert.ok(DECODED_REFUSALS.includes(refusal.name));
      assert.notEqual(refusal.meaning, 'The call failed.');
      assert.ok(refusal.requestId, 'the request id is kept');
    });
  }

  test('an error outside the catalogue still reads as itself', () => {
    const refusal = decodeRefusal('GetClip', Object.assign(new Error('boom'), { name: 'SomethingNew' }));
    assert.equal(refusal.name, 'SomethingNew');
    assert.equal(refusal.message, 'boom');
    assert.match(refusal.whatToDo, /profile/);
  });
});
