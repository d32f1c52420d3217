import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetDataEndpointCommand,
  KinesisVideoClient,
  ListStreamsCommand,
  paginateListStreams,
  type StreamInfo,
} from '@aws-sdk/client-kinesis-video';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { rejection } from '../support/sdk-rejection';

const clientFor = (
  kvs: KvsLocalHandle,
  secretAccessKey = 'kvs-local-secret',
  accessKeyId = 'AKIDKVSLOCAL',
): KinesisVideoClient =>
  new KinesisVideoClient({ endpoint: kvs.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } });

describe('kvs-local control plane through @aws-sdk/client-kinesis-video', () => {
  let kvs: KvsLocalHandle;
  let client: KinesisVideoClient;
  before(async () => {
    kvs = await startKvsLocal({
      port: 0,
      log: () => undefined,
      streams: [{ prefix: 'cam-', count: 1200 }],
      credentials: [
        { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: 'kvs-local-secret' },
        { accessKeyId: 'AKIDSECOND', secretAccessKey: 'second-secret' },
      ],
    });
    client = clientFor(kvs);
  });
  after(async () => {
    client.destroy();
    await kvs.close();
  });

  test('listens on an ephemeral 127.0.0.1 port', () => {
    assert.match(kvs.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(kvs.port, 0);
  });

  test('creates, describes and deletes a stream', async () => {
    const created = await client.send(
      new CreateStreamCommand({ StreamName: 'front-door', DataRetentionInHours: 24, MediaType: 'video/h264' }),
    );
    assert.match(created.StreamARN ?? '', /^arn:aws:kinesisvideo:us-east-1:\d+:stream\/front-door\/\d+$/);
    const described = await client.send(new DescribeStreamCommand({ StreamName: 'front-door' }));
    const info = described.StreamInfo as StreamInfo;
    assert.equal(info.StreamARN, created.StreamARN);
    assert.equal(info.Status, 'ACTIVE');
    assert.equal(info.DataRetentionInHours, 24);
    assert.equal(info.MediaType, 'video/h264');
    assert.ok(info.CreationTime instanceof Date && Math.abs(info.CreationTime.getTime() - Date.now()) < 60_000);
    const byArn = await client.send(new DescribeStreamCommand({ StreamARN: created.StreamARN }));
    assert.equal(byArn.StreamInfo?.StreamName, 'front-door');

    const again = await rejection(client.send(new CreateStreamCommand({ StreamName: 'front-door' })));
    assert.equal(again.name, 'ResourceInUseException');

    await client.send(new DeleteStreamCommand({ StreamARN: created.StreamARN }));
    const gone = await rejection(client.send(new DescribeStreamCommand({ StreamName: 'front-door' })));
    assert.equal(gone.name, 'ResourceNotFoundException');
    assert.equal(gone.$metadata.httpStatusCode, 404);
    assert.ok(gone.$metadata.requestId);
  });

  test('pages ListStreams by 10 with NextToken and filters by StreamNameCondition', async () => {
    const first = await client.send(new ListStreamsCommand({}));
    assert.equal(first.StreamInfoList?.length, 10);
    assert.ok(first.NextToken);
    const names: string[] = [];
    for await (const page of paginateListStreams(
      { client, pageSize: 250 },
      { StreamNameCondition: { ComparisonOperator: 'BEGINS_WITH', ComparisonValue: 'cam-' } },
    )) {
      names.push(...(page.StreamInfoList ?? []).map((s) => s.StreamName ?? ''));
    }
    assert.equal(names.length, 1200);
    assert.equal(new Set(names).size, 1200);
    assert.deepEqual(names.slice(0, 2), ['cam-0000', 'cam-0001']);
    assert.equal(names.at(-1), 'cam-1199');
    const few = await client.send(
      new ListStreamsCommand({
        StreamNameCondition: { ComparisonOperator: 'BEGINS_WITH', ComparisonValue: 'cam-011' },
      }),
    );
    assert.deepEqual(
      few.StreamInfoList?.map((s) => s.StreamName),
      Array.from({ length: 10 }, (_, i) => `cam-011${i}`),
    );
    assert.equal(few.NextToken, undefined);
  });

  test('GetDataEndpoint answers its own URL for every API name', async () => {
    for (const APIName of ['GET_MEDIA', 'PUT_MEDIA', 'LIST_FRAGMENTS', 'GET_MEDIA_FOR_FRAGMENT_LIST'] as const) {
      const out = await client.send(new GetDataEndpointCommand({ APIName, StreamName: 'cam-0001' }));
      assert.equal(out.DataEndpoint, kvs.url);
    }
  });

  test('a second key pair works; a wrong secret and an unknown key fail as AWS fails (403)', async () => {
    const second = clientFor(kvs, 'second-secret', 'AKIDSECOND');
    assert.equal((await second.send(new ListStreamsCommand({ MaxResults: 1 }))).StreamInfoList?.length, 1);
    second.destroy();
    const wrongSecret = clientFor(kvs, 'not-the-secret');
    const bad = await rejection(wrongSecret.send(new ListStreamsCommand({})));
    assert.equal(bad.name, 'InvalidSignatureException');
    assert.equal(bad.$metadata.httpStatusCode, 403);
    assert.match(bad.message, /signature we calculated does not match/);
    wrongSecret.destroy();
    const unknownKey = clientFor(kvs, 'kvs-local-secret', 'AKIDNOBODY');
    const unknown = await rejection(unknownKey.send(new ListStreamsCommand({})));
    assert.equal(unknown.name, 'UnrecognizedClientException');
    assert.equal(unknown.$metadata.httpStatusCode, 403);
    unknownKey.destroy();
  });

  test('bad input gets the documented error type and a message', async () => {
    const badName = await rejection(client.send(new CreateStreamCommand({ StreamName: 'has space' })));
    assert.equal(badName.name, 'InvalidArgumentException');
    assert.match(badName.message, /regular expression pattern/);
    const badApi = await rejection(
      client.send(new GetDataEndpointCommand({ APIName: 'NOPE' as 'GET_MEDIA', StreamName: 'cam-0001' })),
    );
    assert.equal(badApi.name, 'InvalidArgumentException');
    const neither = await rejection(client.send(new DescribeStreamCommand({})));
    assert.equal(neither.name, 'InvalidArgumentException');
    const badToken = await rejection(client.send(new ListStreamsCommand({ NextToken: 'garbage' })));
    assert.equal(badToken.name, 'InvalidArgumentException');
  });

  test('unsigned and malformed requests get the AWS error shape with a request id', async () => {
    const unsigned = await fetch(`${kvs.url}/listStreams`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.ok(unsigned.headers.get('x-amzn-requestid'));
    assert.deepEqual(Object.keys((await unsigned.json()) as object), ['Message']);
    const unknown = await fetch(`${kvs.url}/nope`, { method: 'POST', body: '{}' });
    assert.equal(unknown.status, 404);
    assert.ok(unknown.headers.get('x-amzn-requestid'));
  });
});
