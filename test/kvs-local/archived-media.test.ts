import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import {
  GetMediaForFragmentListCommand,
  ListFragmentsCommand,
  type Fragment,
} from '@aws-sdk/client-kinesis-video-archived-media';
import { getMediaFixture } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { readBody } from './media-client';

describe('kvs-local archived media through @aws-sdk/client-kinesis-video-archived-media', () => {
  const local = useKvsLocal({
    seeds: [{ name: 'door', file: getMediaFixture('kinesis_video_renderer_example_output.mkv') }],
  });

  test('ListFragments pages with NextToken and reports sizes, timestamps and durations', async () => {
    const stored = local.kvs.store.get('door')?.fragments ?? [];
    assert.equal(stored.length, 8);
    const seen: Fragment[] = [];
    let NextToken: string | undefined;
    do {
      const page = await local.archivedMedia.send(
        new ListFragmentsCommand({ StreamName: 'door', MaxResults: 3, NextToken }),
      );
      seen.push(...(page.Fragments ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    // The service returns fragments in no particular order, even across pages.
    assert.deepEqual(seen.map((f) => f.FragmentNumber).sort(), stored.map((f) => f.number).sort());
    const first = seen.find((f) => f.FragmentNumber === stored[0].number);
    assert.ok(seen.every((f) => (f.FragmentSizeInBytes ?? 0) > 1000));
    assert.equal(first?.ServerTimestamp?.getTime(), stored[0].serverTimestampMs);
    assert.equal(first?.ProducerTimestamp?.getTime(), stored[0].producerTimestampMs);
    assert.equal(first?.FragmentLengthInMilliseconds, stored[0].durationMs);
  });

  test('ListFragments filters by a server or producer timestamp range', async () => {
    const stored = local.kvs.store.get('door')?.fragments ?? [];
    const out = await local.archivedMedia.send(
      new ListFragmentsCommand({
        StreamName: 'door',
        FragmentSelector: {
          FragmentSelectorType: 'SERVER_TIMESTAMP',
          TimestampRange: {
            StartTimestamp: new Date(stored[2].serverTimestampMs),
            EndTimestamp: new Date(stored[4].serverTimestampMs),
          },
        },
      }),
    );
    assert.deepEqual(
      out.Fragments?.map((f) => f.FragmentNumber).sort(),
      stored.slice(2, 5).map((f) => f.number),
    );
    const bad = await local.archivedMedia
      .send(
        new ListFragmentsCommand({
          StreamName: 'door',
          FragmentSelector: { FragmentSelectorType: 'SERVER_TIMESTAMP' } as never,
        }),
      )
      .catch((e: Error) => e);
    assert.equal((bad as Error).name, 'InvalidArgumentException');
  });

  test('GetMediaForFragmentList returns the listed fragments in order; a missing one arrives in-band as its API page says (FRAGMENT_NUMBER, EXCEPTION_ERROR_CODE 3000, EXCEPTION_MESSAGE)', async () => {
    const stored = local.kvs.store.get('door')?.fragments ?? [];
    const Fragments = [stored[5].number, '123456789', stored[1].number];
    const out = await local.archivedMedia.send(new GetMediaForFragmentListCommand({ StreamName: 'door', Fragments }));
    const got = await readBody(out.Payload as unknown as Readable, out.ContentType, () => false, 3000);
    assert.equal(got.ending, 'end');
    assert.deepEqual(
      got.chunks.map((c) =>
        c.aws.has('EXCEPTION_ERROR_CODE')
          ? `error ${c.aws.get('EXCEPTION_ERROR_CODE')} for ${c.aws.get('FRAGMENT_NUMBER')}: ${c.aws.get('EXCEPTION_MESSAGE')}`
          : c.aws.get('FRAGMENT_NUMBER'),
      ),
      [stored[5].number, 'error 3000 for 123456789: Requested fragment was not found', stored[1].number],
    );
    assert.equal(got.chunks[0].frames, stored[5].frames);
    // The tags that call adds are the fragment number and its two timestamps: nothing follows the Cluster.
    assert.deepEqual([...got.chunks[0].aws.keys()].sort(), [
      'FRAGMENT_NUMBER',
      'PRODUCER_TIMESTAMP',
      'SERVER_TIMESTAMP',
    ]);
  });
});
