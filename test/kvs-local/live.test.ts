import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getMediaFixture } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { getMedia } from './media-client';
import { completeChunks } from './read-chunks';

describe('kvs-local --live', () => {
  const local = useKvsLocal({
    live: [{ name: 'live', file: getMediaFixture('output_get_media.mkv') }],
  });

  test('NOW receives fresh fragments in real time with a small MILLIS_BEHIND_NOW and current timestamps', async () => {
    const t0 = Date.now();
    const got = await getMedia(
      local.media,
      'live',
      { StartSelectorType: 'NOW' },
      (c) => completeChunks(c).length >= 2,
      8000,
    );
    const chunks = completeChunks(got.chunks);
    assert.equal(chunks.length, 2, `ending ${got.ending}`);
    for (const c of chunks) {
      assert.ok(Number(c.aws.get('MILLIS_BEHIND_NOW')) < 1000);
      const server = Number(c.aws.get('SERVER_TIMESTAMP')) * 1000;
      assert.ok(server >= t0 - 50 && server <= Date.now());
      assert.equal(c.clusterTimecode, Math.round(server), 'the cluster carries the absolute time');
    }
    assert.ok(
      BigInt(chunks[1].aws.get('FRAGMENT_NUMBER') ?? '0') > BigInt(chunks[0].aws.get('FRAGMENT_NUMBER') ?? '0'),
    );
  });
});
