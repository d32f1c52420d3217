import { describe, test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { StreamListings, STREAM_PAGE_SIZE } from '../../src/explorer/stream-listings';
import type { AwsProblem } from '../../src/aws/errors';
import type { StreamSummary } from '../../src/aws/streams';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';
import { recordingServices } from './recording-services';

// Throttling and access denied as the service answers them (kvs-local operation faults), through the explorer's
// listing model (what each region node renders: streams, then an error row with "What to do", then "Load more")
// with the real services object, the real SDK and real waits.

async function waitForLine(lines: () => string[], pattern: RegExp): Promise<void> {
  for (let i = 0; i < 200 && !lines().some((l) => pattern.test(l)); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(
    lines().some((l) => pattern.test(l)),
    `no log line ${pattern}`,
  );
}

const isProblem = (value: StreamSummary | AwsProblem): value is AwsProblem => 'whatToDo' in value;

describe('explorer against control-plane faults: throttling with backoff, access denied', () => {
  let kvs: KvsLocalHandle;
  let files: AwsFiles;
  const { services, lines, target } = recordingServices(() => kvs?.url);
  const logged = (pattern: RegExp): string[] => lines.filter((l) => pattern.test(l));

  before(async () => {
    kvs = await startKvsLocal({ port: 0, log: () => undefined, streams: [{ prefix: 'cam-', count: 250 }] });
    files = useAwsFiles(
      '[profile kvs-local]\nregion = us-east-1\n',
      '[kvs-local]\naws_access_key_id = AKIDKVSLOCAL\naws_secret_access_key = kvs-local-secret\n',
    );
  });
  afterEach(() => {
    kvs.clearOperationFaults();
    lines.length = 0;
  });
  after(async () => {
    services.resetClients();
    await kvs.close();
    files.restore();
  });

  test('throttled twice, then served: the streams show, and the log shows both retries and the waits really happened', async () => {
    kvs.injectOperationFault('ListStreams', 'throttle=2');
    const started = performance.now();
    const listing = await new StreamListings(services).get(target());
    const elapsedMs = performance.now() - started;

    assert.equal(listing.problem, undefined);
    assert.equal(listing.streams.length, STREAM_PAGE_SIZE);
    assert.equal(listing.streams[0].name, 'cam-0000');
    assert.ok(listing.nextToken);
    const throttled = logged(
      /^warn ListStreams 400 \d+ ms request \S+ ClientLimitExceededException \[kvs-local us-east-1 via /,
    );
    assert.equal(throttled.length, 2, lines.join('\n'));
    const retries = logged(/^warn ListStreams throttled in us-east-1; retry \d in \d+ ms$/);
    assert.deepEqual(
      retries.map((l) => /retry (\d)/.exec(l)?.[1]),
      ['1', '2'],
      lines.join('\n'),
    );
    const waitedMs = retries.map((l) => Number(/in (\d+) ms/.exec(l)?.[1])).reduce((a, b) => a + b, 0);
    assert.ok(
      waitedMs >= 250 + 500,
      `equal-jitter backoff waits at least half of 500 ms, then of 1,000 ms (got ${waitedMs} ms)`,
    );
    assert.ok(elapsedMs >= waitedMs, `the listing took ${Math.round(elapsedMs)} ms but claims ${waitedMs} ms of waits`);
    assert.equal(logged(/^info ListStreams 200 /).length, 1);
    assert.ok(
      lines.indexOf(throttled[1]) < lines.findIndex((l) => l.startsWith('info ListStreams 200')),
      'success comes after the retries',
    );
    assert.equal(logged(/^error /).length, 0, 'a throttle that passes is no error');
  });

  test('throttling that never ends: the streams loaded before stay, the throttled problem follows them, "Load more" can retry', async () => {
    const listings = new StreamListings(services);
    const first = await listings.get(target());
    assert.equal(first.streams.length, STREAM_PAGE_SIZE);
    kvs.injectOperationFault('ListStreams', 'throttle');

    const after = await listings.loadMore(target());
    assert.deepEqual(
      after.streams.map((s) => s.name),
      first.streams.map((s) => s.name),
    );
    assert.equal(after.nextToken, first.nextToken, 'the failed page can be asked for again');
    const problem = after.problem;
    assert.ok(problem);
    assert.equal(problem.kind, 'throttled');
    assert.equal(problem.transient, true, 'shown as a warning, not an error');
    assert.equal(problem.errorName, 'ClientLimitExceededException');
    assert.equal(problem.title, 'Throttled by Kinesis Video Streams in us-east-1');
    assert.match(problem.whatToDo, /Wait a few seconds and Refresh; the explorer already retried with backoff/);
    assert.match(problem.detail, /throttled the ListStreams request/);
    assert.equal(logged(/^warn ListStreams 400 .* ClientLimitExceededException/).length, 5, 'five tries in all');
    assert.equal(logged(/^warn ListStreams throttled in us-east-1; retry \d in \d+ ms$/).length, 4);
    assert.deepEqual(logged(/^error /), [
      'error ListStreams for kvs-local in us-east-1: Throttled by Kinesis Video Streams in us-east-1 ' +
        `(ClientLimitExceededException: ${problem.detail})`,
    ]);
    assert.deepEqual(
      await listings.get(target()),
      after,
      'the row stays until Refresh or retry, without calling again',
    );

    kvs.clearOperationFaults('ListStreams');
    const retried = await listings.loadMore(target());
    assert.equal(retried.problem, undefined);
    assert.equal(retried.streams.length, 2 * STREAM_PAGE_SIZE);
    assert.equal(new Set(retried.streams.map((s) => s.name)).size, 2 * STREAM_PAGE_SIZE, 'nothing lost, nothing twice');
  });

  test('a filter set while a throttled page is still backing off gets its own listing, never the stale unfiltered page', async () => {
    kvs.injectOperationFault('ListStreams', 'throttle=1');
    const listings = new StreamListings(services);
    const unfiltered = listings.get(target());
    await waitForLine(() => lines, /^warn ListStreams throttled in us-east-1; retry 1 in/);
    listings.setFilter(target(), 'cam-02');
    const wanted = Array.from({ length: 50 }, (_, i) => `cam-02${String(i).padStart(2, '0')}`);
    assert.deepEqual(
      (await listings.get(target())).streams.map((s) => s.name),
      wanted,
    );
    assert.equal(
      (await unfiltered).streams.length,
      STREAM_PAGE_SIZE,
      'the page asked for before the filter still arrives',
    );
    assert.deepEqual(
      (await listings.get(target())).streams.map((s) => s.name),
      wanted,
      'and does not replace the filtered listing',
    );
  });

  test('access denied: one call, no retry, the access-denied problem naming the permission and the profile', async () => {
    kvs.injectOperationFault('ListStreams', 'access-denied');
    const listing = await new StreamListings(services).get(target());
    assert.deepEqual(listing.streams, []);
    const problem = listing.problem;
    assert.ok(problem);
    assert.equal(problem.kind, 'access-denied');
    assert.equal(problem.transient, false);
    assert.equal(problem.errorName, 'AccessDeniedException');
    assert.equal(problem.title, 'Access denied for profile "kvs-local" in us-east-1');
    assert.match(problem.whatToDo, /kinesisvideo:ListStreams/);
    assert.equal(
      problem.detail,
      'User: arn:aws:iam::123456789012:user/AKIDKVSLOCAL is not authorized to perform: kinesisvideo:ListStreams on resource: *',
    );
    assert.equal(
      logged(/^warn ListStreams 403 \d+ ms request \S+ AccessDeniedException \[kvs-local us-east-1 via /).length,
      1,
      lines.join('\n'),
    );
    assert.equal(logged(/retry/).length, 0, 'a denial is not retried');
    assert.equal(logged(/^error ListStreams for kvs-local in us-east-1: Access denied/).length, 1);
  });

  test('DescribeStream denied on expand: the stream keeps its listed facts and gets the access-denied row', async () => {
    const listings = new StreamListings(services);
    const listed = (await listings.get(target())).streams[0];
    kvs.injectOperationFault('DescribeStream', 'access-denied');
    const ref = { target: target(), streamName: listed.name, streamArn: listed.arn };

    const fresh = await listings.describe(ref);
    assert.ok(isProblem(fresh));
    assert.equal(fresh.kind, 'access-denied');
    assert.match(fresh.whatToDo, /DescribeStream/);
    assert.match(fresh.detail, /not authorized to perform: kinesisvideo:DescribeStream on resource: cam-0000$/);
    assert.deepEqual(logged(/^error DescribeStream/), [
      `error DescribeStream cam-0000: Access denied for profile "kvs-local" in us-east-1 (AccessDeniedException: ${fresh.detail})`,
    ]);
    assert.equal(logged(/^warn DescribeStream 403 \d+ ms request \S+ AccessDeniedException \[/).length, 1, 'no retry');

    kvs.clearOperationFaults('DescribeStream');
    const described = await listings.describe(ref);
    assert.ok(!isProblem(described));
    assert.equal(described.arn, listed.arn);
  });

  test('DescribeStream throttled once on expand: retried with backoff, then the fresh facts', async () => {
    kvs.injectOperationFault('DescribeStream', 'throttle=1');
    const fresh = await new StreamListings(services).describe({ target: target(), streamName: 'cam-0001' });
    assert.ok(!isProblem(fresh), isProblem(fresh) ? fresh.title : '');
    assert.equal(fresh.name, 'cam-0001');
    assert.equal(fresh.status, 'ACTIVE');
    assert.equal(logged(/^warn DescribeStream 400 .* ClientLimitExceededException/).length, 1);
    assert.equal(logged(/^info DescribeStream 200 /).length, 1);
  });
});
