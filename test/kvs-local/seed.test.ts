import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { concat } from '../../src/core/ebml/writer';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { splitMatroska } from '../../kvs-local/seed';
import { getMediaFixture } from '../support/paths';

describe('kvs-local --seed reads with the ChunkReader', () => {
  test('appended captures (each cut mid-chunk): every whole fragment is kept, each skip and cut-off chunk told', () => {
    const capture = readFileSync(getMediaFixture('output_get_media.mkv'));
    const chunks = readAllChunks(capture).records;
    const cut = chunks[2].byteOffset + 1000;
    const bytes = concat([capture.subarray(0, cut), capture.subarray(0, cut), capture]);
    const lines: string[] = [];
    const drafts = splitMatroska(bytes, 'appended.mkv', (line) => lines.push(line));
    const alone = splitMatroska(capture, 'one.mkv');
    assert.equal(drafts.length, 2 + 2 + alone.length, 'two whole fragments per cut copy, then the whole capture');
    assert.deepEqual(
      lines.map((line) => line.replace(/ \(byte \d+: .*\)$/, ' (byte N: why)')),
      [
        `appended.mkv: cut-off chunk at bytes ${chunks[2].byteOffset}-${cut}: only its complete clusters are stored`,
        `appended.mkv: resynced at byte ${cut} after skipping 0 bytes from ${cut} (byte N: why)`,
        `appended.mkv: cut-off chunk at bytes ${cut + chunks[2].byteOffset}-${2 * cut}: only its complete clusters are stored`,
        `appended.mkv: resynced at byte ${2 * cut} after skipping 0 bytes from ${2 * cut} (byte N: why)`,
      ],
    );
  });

  test('a file that yields no fragment stops seeding with one line naming the file', () => {
    assert.throws(
      () => splitMatroska(new TextEncoder().encode('not a video at all'), 'notes.txt'),
      /^Error: notes\.txt: no whole fragment to seed \(byte 0: expected an EBML header or a Segment/,
    );
  });
});
