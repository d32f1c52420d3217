import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { playbackProblem, type PlaybackApi } from '../../../src/core/archive/playback-requirements';
import { readTrackFacts, type TrackFact } from '../../../src/core/archive/track-facts';
import { getMediaFixture } from '../../support/paths';

const track = (number: number, codecId: string | null, extra: Partial<TrackFact> = {}): TrackFact => ({
  number,
  type: codecId?.startsWith('V_') ? 1 : 2,
  codecId,
  codecPrivateLength: 40,
  codecPrivateFirstByte: codecId?.startsWith('V_') ? 1 : 0x12,
  width: null,
  height: null,
  ...extra,
});
const H264 = 'V_MPEG4/ISO/AVC';
const HEVC = 'V_MPEGH/ISO/HEVC';

describe('video playback track requirements', () => {
  const cases: Array<[string, PlaybackApi, TrackFact[], string | null]> = [
    ['H.264 alone plays everywhere', 'GetClip', [track(1, H264)], null],
    ['H.265 + AAC', 'GetHLSStreamingSessionURL', [track(1, HEVC), track(2, 'A_AAC')], null],
    ['H.264 + G.711', 'GetDASHStreamingSessionURL', [track(1, H264), track(2, 'A_MS/ACM')], null],
    [
      'H.265 + G.711 is not in the tables',
      'GetClip',
      [track(1, HEVC), track(2, 'A_MS/ACM')],
      'UnsupportedStreamMediaTypeException',
    ],
    ['AAC alone: DASH only', 'GetDASHStreamingSessionURL', [track(1, 'A_AAC')], null],
    ['AAC alone: not HLS', 'GetHLSStreamingSessionURL', [track(1, 'A_AAC')], 'UnsupportedStreamMediaTypeException'],
    ['VP8 video', 'GetClip', [track(1, 'V_VP8')], 'UnsupportedStreamMediaTypeException'],
    ['no tracks', 'GetClip', [], 'UnsupportedStreamMediaTypeException'],
    [
      'no CodecPrivate',
      'GetHLSStreamingSessionURL',
      [track(1, H264, { codecPrivateLength: 0, codecPrivateFirstByte: null })],
      'MissingCodecPrivateDataException',
    ],
    [
      'Annex B start code instead of AVCC',
      'GetClip',
      [track(1, H264, { codecPrivateFirstByte: 0 })],
      'InvalidCodecPrivateDataException',
    ],
    [
      'audio without CodecPrivate',
      'GetClip',
      [track(1, H264), track(2, 'A_AAC', { codecPrivateLength: 0 })],
      'MissingCodecPrivateDataException',
    ],
  ];
  for (const [name, api, tracks, expected] of cases)
    test(`${api}: ${name}`, () => assert.equal(playbackProblem(api, tracks)?.type ?? null, expected));

  test('reads the tracks of a real capture: H.264 with AVCC CodecPrivate, its size', () => {
    const facts = readTrackFacts(readFileSync(getMediaFixture('kinesis_video_renderer_example_output.mkv')));
    assert.equal(facts.length, 1);
    assert.equal(facts[0].codecId, H264);
    assert.equal(facts[0].type, 1);
    assert.equal(facts[0].codecPrivateFirstByte, 1);
    assert.ok(facts[0].codecPrivateLength > 10);
    assert.deepEqual([facts[0].width, facts[0].height], [640, 480]);
  });

  test('hostile bytes give what was readable, never a throw', () => {
    assert.deepEqual(readTrackFacts(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0xff, 0x00])), []);
    assert.deepEqual(readTrackFacts(new Uint8Array(0)), []);
  });
});
