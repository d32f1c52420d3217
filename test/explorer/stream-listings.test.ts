import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { StreamListings, STREAM_PAGE_SIZE } from '../../src/explorer/stream-listings';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';
import { recordingServices } from './recording-services';

// The explorer's paging state (vscode-free) with the real services object the extension builds, against kvs-local.

describe('stream listings: pages, filters, and nothing lost on failure', () => {
  let kvs: KvsLocalHandle;
  let files: AwsFiles;
  const { services, lines, target } = recordingServices(() => (kvs ? `${kvs.url}/` : undefined));

  before(async () => {
    kvs = await startKvsLocal({ port: 0, log: () => undefined, streams: [{ prefix: 'cam-', count: 1200 }] });
    files = useAwsFiles(
      '[profile kvs-local]\nregion = us-east-1\n',
      '[kvs-local]\naws_access_key_id = AKIDKVSLOCAL\naws_secret_access_key = kvs-local-secret\n',
    );
  });
  after(async () => {
    services.resetClients();
    await kvs.close();
    files.restore();
  });

  test('the endpoint override loses its trailing slash', () => {
    assert.equal(services.endpointOverride(), kvs.url);
  });

  test('the SDK loads on the first listing, not before', async () => {
    assert.equal(services.sdkLoaded(), false);
    const listings = new StreamListings(services);
    const first = await listings.get(target());
    assert.equal(services.sdkLoaded(), true);
    assert.equal(first.streams.length, STREAM_PAGE_SIZE);
    assert.ok(first.nextToken);
  });

  test('load more appends pages until the last, concurrent calls share one request', async () => {
    const listings = new StreamListings(services);
    await listings.get(target());
    const [a, b] = await Promise.all([listings.loadMore(target()), listings.loadMore(target())]);
    assert.equal(a, b);
    assert.equal(a.streams.length, 2 * STREAM_PAGE_SIZE);
    let listing = a;
    while (listing.nextToken) listing = await listings.loadMore(target());
    assert.equal(listing.streams.length, 1200);
    assert.equal((await listings.loadMore(target())).streams.length, 1200, 'past the end nothing changes');
  });

  test('a filter starts over with only matching names; clearing it shows all again', async () => {
    const listings = new StreamListings(services);
    listings.setFilter(target(), ' cam-119 ');
    assert.equal(listings.filterOf(target()), 'cam-119');
    const filtered = await listings.get(target());
    assert.deepEqual(
      filtered.streams.map((s) => s.name),
      Array.from({ length: 10 }, (_, i) => `cam-119${i}`),
    );
    listings.setFilter(target(), '');
    assert.equal((await listings.get(target())).streams.length, STREAM_PAGE_SIZE);
  });

  test('when the server goes away mid-paging, the loaded streams stay and the problem follows them', async () => {
    const listings = new StreamListings(services);
    const first = await listings.get(target());
    await kvs.close();
    const after = await listings.loadMore(target());
    assert.equal(after.streams.length, first.streams.length);
    assert.equal(after.problem?.kind, 'network');
    assert.equal(after.nextToken, first.nextToken, 'the next page can still be asked for after Refresh or retry');
    kvs = await startKvsLocal({ port: kvs.port, log: () => undefined, streams: [{ prefix: 'cam-', count: 1200 }] });
  });

  test('the log has one line per call with status and request id, and no secret', () => {
    assert.ok(
      lines.some((l) =>
        /^info ListStreams 200 \d+ ms request \S+ \[kvs-local us-east-1 via http:\/\/127\.0\.0\.1:\d+\]$/.test(l),
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^warn ListStreams network-error/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.some((l) => /^error ListStreams for kvs-local in us-east-1: Cannot reach/.test(l)));
    assert.ok(!lines.join('\n').includes('kvs-local-secret'));
  });
});
