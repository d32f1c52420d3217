import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ArchiveEndpoints } from '../../../src/aws/archive/archive-endpoints';
import { fetchFragmentBytes } from '../../../src/aws/archive/fragment-bytes';
import { fragmentTracks } from '../../../src/aws/archive/fragment-tracks';
import { FRAGMENT_SIZE_LIMIT } from '../../../src/aws/media-session/chunk-bytes';
import { readAllChunks } from '../../../src/core/getmedia/chunk-reader';
import type { StoredFragment } from '../../../kvs-local/fragment';
import { getMediaFixture } from '../../support/paths';
import { kvsLocalFactory, streamRef } from '../../support/kvs-local-clients';
import { useKvsLocal } from '../../support/kvs-local-suite';

const FILE = getMediaFixture('clusters.mkv');
/** A fragment number no stream of kvs-local has (its numbers are 20+ digits from the stream's creation time). */
const UNKNOWN = '91343852333181432392682062607743920146264246042';

describe('one fragment fetched again with GetMediaForFragmentList, against kvs-local', () => {
  const local = useKvsLocal();
  let endpoints: ArchiveEndpoints;
  let kept: StoredFragment[];
  let unkept: StoredFragment[];
  before(async () => {
    kept = await local.kvs.seed('kept', FILE);
    local.kvs.store.create({ name: 'unkept', dataRetentionInHours: 0 });
    unkept = await local.kvs.seed('unkept', FILE);
    endpoints = new ArchiveEndpoints(local.factory);
  });

  test('a retained fragment: its bytes are one whole chunk with that fragment number', async () => {
    const wanted = kept[2];
    const bytes = await fetchFragmentBytes(endpoints, streamRef(local.kvs, 'kept', false), wanted.number);
    const { records, fault } = readAllChunks(bytes);
    assert.equal(fault, null);
    assert.equal(records.length, 1);
    assert.equal(records[0].fragmentNumber, wanted.number);
    assert.equal(records[0].errorId, null);
    assert.equal(records[0].truncated, false);
    assert.equal(records[0].byteLength, bytes.length, 'nothing but the chunk');
    assert.equal(records[0].frames, readAllChunks(wanted.cluster).records[0]?.frames ?? records[0].frames);
    assert.ok(records[0].frames > 0);
  });

  test('an unknown fragment: in-band 3000, said as "no longer retained" with the stream’s retention', async () => {
    await assert.rejects(fetchFragmentBytes(endpoints, streamRef(local.kvs, 'kept', false), UNKNOWN), (e: Error) => {
      assert.equal(
        e.message,
        `Fragment ${UNKNOWN} is no longer retained (in-band 3000: Requested fragment was not found): stream kept keeps data for 24 hours (DataRetentionInHours).`,
      );
      return true;
    });
  });

  test('a stream that retains nothing (DataRetentionInHours 0): says so, even for a fragment GetMedia served', async () => {
    await assert.rejects(
      fetchFragmentBytes(endpoints, streamRef(local.kvs, 'unkept', false), unkept[0].number),
      (e: Error) => {
        assert.equal(
          e.message,
          `Fragment ${unkept[0].number} cannot be fetched again (in-band 3000: Requested fragment was not found): stream unkept retains no data (DataRetentionInHours is 0), so only GetMedia saw it.`,
        );
        return true;
      },
    );
  });

  test('an HTTP error is decoded: the operation, the exception, the status', async () => {
    await assert.rejects(
      fetchFragmentBytes(endpoints, streamRef(local.kvs, 'no-such-stream', false), kept[0].number),
      (e: Error) => {
        assert.match(e.message, /^GetDataEndpoint failed: ResourceNotFoundException, HTTP 404/);
        assert.match(e.message, /no-such-stream/);
        return true;
      },
    );
  });

  test('a connection cut inside the chunk: no bytes, and a message that says where the call broke off', async () => {
    local.kvs.injectFault('kept', 'drop=2000');
    try {
      await assert.rejects(
        fetchFragmentBytes(endpoints, streamRef(local.kvs, 'kept', false), kept[1].number),
        (e: Error) => {
          assert.match(
            e.message,
            new RegExp(
              `^GetMediaForFragmentList broke off after 2,000 bytes, before fragment ${kept[1].number}'s chunk was whole \\(GetMediaForFragmentList failed: .+\\)\\.$`,
            ),
          );
          return true;
        },
      );
    } finally {
      local.kvs.clearFaults('kept');
    }
  });

  test('a chunk past the 50 MiB fragment limit: its bytes are not kept, and the message says so', async () => {
    local.kvs.injectFault('kept', `huge=${FRAGMENT_SIZE_LIMIT + 4 * 1024 * 1024}`);
    try {
      await assert.rejects(
        fetchFragmentBytes(endpoints, streamRef(local.kvs, 'kept', false), kept[0].number),
        (e: Error) => {
          assert.match(
            e.message,
            new RegExp(`^Fragment ${kept[0].number} is [\\d,]+ bytes, past the service's 50 MiB fragment limit`),
          );
          return true;
        },
      );
    } finally {
      local.kvs.clearFaults('kept');
    }
  });

  test('an abort stops the call: cancelled, not hanging on a stalled response', async () => {
    local.kvs.injectFault('kept', 'stall=600@0');
    // The response's headers have come (the SDK's send resolved) and its body stalls: abort then.
    let responded: () => void = () => undefined;
    const headersIn = new Promise<void>((resolve) => (responded = resolve));
    const made = kvsLocalFactory(local.kvs);
    const archivedMedia = made.factory.archivedMedia;
    made.factory.archivedMedia = (target, endpoint) => {
      const client = archivedMedia(target, endpoint);
      client.middlewareStack.add(
        (next) => async (args) => {
          const out = await next(args);
          responded();
          return out;
        },
        { step: 'deserialize' },
      );
      return client;
    };
    const controller = new AbortController();
    try {
      const started = Date.now();
      const fetching = fetchFragmentBytes(
        new ArchiveEndpoints(made.factory),
        streamRef(local.kvs, 'kept', false),
        kept[0].number,
        controller.signal,
      );
      await headersIn;
      controller.abort();
      await assert.rejects(fetching, /^Error: Fetching fragment \d+ was cancelled\.$/);
      assert.ok(Date.now() - started < 60_000, 'not the stall’s 600 s');
      const early = new AbortController();
      early.abort();
      await assert.rejects(
        fetchFragmentBytes(endpoints, streamRef(local.kvs, 'kept', false), kept[0].number, early.signal),
        /was cancelled/,
      );
    } finally {
      made.destroy();
      local.kvs.clearFaults('kept');
    }
  });

  test('a response that stalls with nothing sent is given up after the idle time, with a message saying so', async () => {
    local.kvs.injectFault('kept', 'stall=600@0');
    try {
      const started = Date.now();
      await assert.rejects(
        fetchFragmentBytes(endpoints, streamRef(local.kvs, 'kept', false), kept[0].number, undefined, 800),
        (e: Error) => {
          assert.equal(
            e.message,
            `GetMediaForFragmentList sent nothing for 0.8 s while fetching fragment ${kept[0].number} (0 bytes before that); it was given up: try Fetch again.`,
          );
          return true;
        },
      );
      assert.ok(Date.now() - started < 30_000, 'not the stall’s 600 s');
    } finally {
      local.kvs.clearFaults('kept');
    }
  });

  test('a connection failure makes the next fetch ask GetDataEndpoint again (the cached host may be gone)', async () => {
    const fresh = new ArchiveEndpoints(local.factory);
    const stream = streamRef(local.kvs, 'kept', false);
    await fetchFragmentBytes(fresh, stream, kept[0].number);
    const cached = await fresh.get(stream, 'GET_MEDIA_FOR_FRAGMENT_LIST');
    local.kvs.injectFault('kept', 'drop=2000');
    try {
      await assert.rejects(fetchFragmentBytes(fresh, stream, kept[1].number), /broke off/);
    } finally {
      local.kvs.clearFaults('kept');
    }
    // Poison what the cache would hand out: only a fresh GetDataEndpoint call gets the right host back.
    (fresh as unknown as { entries: Map<string, { endpoint: string; expiresAt: number }> }).entries.forEach((e) => {
      e.endpoint = 'http://127.0.0.1:9';
    });
    assert.equal(await fresh.get(stream, 'GET_MEDIA_FOR_FRAGMENT_LIST'), cached);
  });

  test('fragmentTracks reads its tracks from the same call, and fails with the same message', async () => {
    const tracks = await fragmentTracks(endpoints, streamRef(local.kvs, 'kept', false), kept[0].number);
    assert.ok(tracks.length > 0);
    assert.ok(tracks.some((t) => t.codecId !== null));
    await assert.rejects(fragmentTracks(endpoints, streamRef(local.kvs, 'kept', false), UNKNOWN), /no longer retained/);
  });
});
