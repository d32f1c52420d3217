import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeStreamCommand,
  GetDataEndpointCommand,
  KinesisVideoClient,
  ListStreamsCommand,
} from '@aws-sdk/client-kinesis-video';
import { DEFAULT_CREDENTIAL, startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { rejection } from '../support/sdk-rejection';
import { parseOperationFault } from '../../kvs-local/faults';
import { parseCliArgs } from '../../kvs-local/cli-args';
import { buildBundles } from '../support/build';
import { startKvsLocalProcess } from './cli-process';

const clientFor = (url: string): KinesisVideoClient =>
  new KinesisVideoClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: DEFAULT_CREDENTIAL,
  });

async function admin(
  url: string,
  body: unknown,
): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/kvs-local/fault`, { method: 'POST', body: JSON.stringify(body) });
  return {
    status: res.status,
    type: res.headers.get('x-amzn-ErrorType'),
    json: (await res.json()) as Record<string, unknown>,
  };
}

describe('kvs-local control-plane faults (throttle, access-denied) through the real SDK', () => {
  let kvs: KvsLocalHandle;
  let client: KinesisVideoClient;
  const log: string[] = [];
  before(async () => {
    kvs = await startKvsLocal({
      log: (line) => log.push(line),
      streams: [{ prefix: 'cam-', count: 3 }],
      faults: [{ name: 'GetDataEndpoint', spec: 'throttle=1' }],
    });
    kvs.createStream('door');
    client = clientFor(kvs.url);
  });
  after(async () => {
    client.destroy();
    await kvs.close();
  });

  test('a start option OPERATION:throttle=1 throttles the first GetDataEndpoint only', async () => {
    const first = await rejection(
      client.send(new GetDataEndpointCommand({ StreamName: 'door', APIName: 'GET_MEDIA' })),
    );
    assert.equal(first.name, 'ClientLimitExceededException');
    const second = await client.send(new GetDataEndpointCommand({ StreamName: 'door', APIName: 'GET_MEDIA' }));
    assert.equal(second.DataEndpoint, kvs.url);
  });

  test('throttle=2 answers exactly two ListStreams calls with ClientLimitExceededException (400), then serves again', async () => {
    kvs.injectOperationFault('ListStreams', 'throttle=2');
    for (let i = 0; i < 2; i++) {
      const e = await rejection(client.send(new ListStreamsCommand({})));
      assert.equal(e.name, 'ClientLimitExceededException');
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.equal(e.$metadata.attempts, 1, 'the SDK does not retry it by itself: each call is one fault');
      assert.match(e.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.match(e.message, /throttled the ListStreams request/);
    }
    const ok = await client.send(new ListStreamsCommand({}));
    assert.equal(ok.StreamInfoList?.length, 4);
    assert.ok(
      log.some((l) => /ListStreams answered with the injected throttle fault \(0 more\)/.test(l)),
      log.join('\n'),
    );
  });

  test('a fault on one operation leaves the others alone', async () => {
    kvs.injectOperationFault('ListStreams', { kind: 'throttle' });
    const described = await client.send(new DescribeStreamCommand({ StreamName: 'door' }));
    assert.equal(described.StreamInfo?.StreamName, 'door');
    assert.equal((await rejection(client.send(new ListStreamsCommand({})))).name, 'ClientLimitExceededException');
    kvs.clearOperationFaults('ListStreams');
    assert.equal((await client.send(new ListStreamsCommand({}))).StreamInfoList?.length, 4);
  });

  test("access-denied answers 403 AccessDeniedException with IAM's message naming the action and the stream, until cleared", async () => {
    kvs.injectOperationFault('DescribeStream', 'access-denied');
    for (let i = 0; i < 3; i++) {
      const e = await rejection(client.send(new DescribeStreamCommand({ StreamName: 'door' })));
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.equal(e.$metadata.attempts, 1);
      assert.equal(
        e.message,
        'User: arn:aws:iam::123456789012:user/AKIDKVSLOCAL is not authorized to perform: kinesisvideo:DescribeStream on resource: door',
      );
    }
    kvs.injectOperationFault('ListStreams', 'access-denied=1');
    assert.match(
      (await rejection(client.send(new ListStreamsCommand({})))).message,
      /kinesisvideo:ListStreams on resource: \*$/,
    );
    kvs.clearOperationFaults();
    assert.equal((await client.send(new DescribeStreamCommand({ StreamName: 'door' }))).StreamInfo?.Status, 'ACTIVE');
  });

  test('the admin call injects and clears operation faults, and names what was wrong', async () => {
    assert.deepEqual((await admin(kvs.url, { Operation: 'ListStreams', Fault: 'access-denied', Count: 1 })).json, {
      Injected: 'access-denied',
      Operation: 'ListStreams',
      Count: 1,
    });
    assert.equal((await rejection(client.send(new ListStreamsCommand({})))).name, 'AccessDeniedException');
    assert.equal((await client.send(new ListStreamsCommand({}))).StreamInfoList?.length, 4);

    assert.deepEqual((await admin(kvs.url, { Operation: 'DescribeStream', Fault: 'throttle' })).json, {
      Injected: 'throttle',
      Operation: 'DescribeStream',
    });
    assert.equal(
      (await rejection(client.send(new DescribeStreamCommand({ StreamName: 'door' })))).name,
      'ClientLimitExceededException',
    );
    assert.deepEqual((await admin(kvs.url, { Operation: 'DescribeStream' })).json, { Cleared: 'DescribeStream' });
    assert.equal((await client.send(new DescribeStreamCommand({ StreamName: 'door' }))).StreamInfo?.StreamName, 'door');

    const mistakes: Array<[unknown, RegExp]> = [
      [{ Operation: 'GetMedia', Fault: 'throttle' }, /Operation 'GetMedia' is not one of ListStreams, DescribeStream/],
      [{ Operation: 'ListStreams', Fault: 'explode' }, /is not one of throttle\[=COUNT\], access-denied\[=COUNT\]/],
      [{ Operation: 'ListStreams', StreamName: 'door', Fault: 'throttle' }, /not both/],
      [{ Operation: 'ListStreams', Count: 2 }, /Count needs a Fault/],
      [{ StreamName: 'door', Fault: 'drop=10', Count: 2 }, /Count is for operation faults/],
      [{ Operation: 'ListStreams', Fault: 'throttle', Count: 0 }, /greater than or equal to 1/],
    ];
    for (const [body, message] of mistakes) {
      const got = await admin(kvs.url, body);
      assert.equal(got.status, 400, JSON.stringify(body));
      assert.equal(got.type, 'InvalidArgumentException');
      assert.match(String(got.json.Message), message);
    }
    assert.ok((await client.send(new ListStreamsCommand({}))).StreamInfoList, 'no mistaken call left a fault behind');
  });

  test('specs and start options: a clear message for each mistake', async () => {
    assert.deepEqual(parseOperationFault('throttle'), { kind: 'throttle' });
    assert.deepEqual(parseOperationFault(' access-denied=5 '), { kind: 'access-denied', count: 5 });
    assert.throws(() => parseOperationFault('throttle=0'), /at least 1/);
    assert.throws(() => parseOperationFault('throttle@3'), /is not one of/);
    assert.deepEqual(parseCliArgs(['--fault', 'ListStreams:throttle=3']).faults, [
      { name: 'ListStreams', spec: 'throttle=3' },
    ]);
    await assert.rejects(
      startKvsLocal({ log: () => undefined, faults: [{ name: 'PutMedia', spec: 'throttle' }] }),
      /'PutMedia' is not a control-plane operation; one of ListStreams, DescribeStream, GetDataEndpoint/,
    );
  });

  test('the CLI takes --fault OPERATION:SPEC', async () => {
    buildBundles('kvs-local');
    const proc = await startKvsLocalProcess([
      '--port',
      '0',
      '--streams',
      'cam-:2',
      '--fault',
      'ListStreams:access-denied=1',
    ]);
    const cli = clientFor(proc.url);
    try {
      assert.equal((await rejection(cli.send(new ListStreamsCommand({})))).name, 'AccessDeniedException');
      assert.equal((await cli.send(new ListStreamsCommand({}))).StreamInfoList?.length, 2);
    } finally {
      cli.destroy();
      await proc.stop();
    }
  });
});
