import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { getMediaChunk, simpleBlock } from './build-chunks';

// The test chunk declares track 1 as video (H.264); track 2 stands for audio, whose frames are all key.
describe('per-track figures and the keyframe anomaly judged on the video track', () => {
  test('frames, keyframes and payload bytes per track, in order of first block', () => {
    const { records } = readAllChunks(
      getMediaChunk({
        blocks: [
          simpleBlock(0, true, 10, 2),
          simpleBlock(0, true, 100, 1),
          simpleBlock(21, true, 10, 2),
          simpleBlock(33, false, 50, 1),
        ],
      }),
    );
    // A SimpleBlock's data size is its 4-byte head (track, timecode, flags) plus the payload.
    assert.deepEqual(records[0].trackStats, [
      { number: 2, frames: 2, keyframes: 2, bytes: 28, durationMs: 21 },
      { number: 1, frames: 2, keyframes: 1, bytes: 158, durationMs: 33 },
    ]);
    assert.equal(records[0].keyframes, 3, 'the record-wide count still counts every track');
  });

  test('an audio keyframe first does not hide a video fragment that starts without a keyframe', () => {
    const { records } = readAllChunks(
      getMediaChunk({ blocks: [simpleBlock(0, true, 16, 2), simpleBlock(5, false, 16, 1)] }),
    );
    assert.ok(
      records[0].anomalies.includes('fragment does not start with a keyframe: first block (track 1) is not key'),
    );
  });

  test('an audio block that is not key before the video keyframe is no anomaly', () => {
    const { records } = readAllChunks(
      getMediaChunk({ blocks: [simpleBlock(0, false, 16, 2), simpleBlock(5, true, 16, 1)] }),
    );
    assert.deepEqual(
      records[0].anomalies.filter((a) => a.startsWith('fragment does not start')),
      [],
    );
  });
});
