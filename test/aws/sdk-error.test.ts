import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeStreamCommand, GetDataEndpointCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis-video';
import { GetMediaCommand } from '@aws-sdk/client-kinesis-video-media';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { loadClientFactory, type CachingClientFactory } from '../../src/aws/client-factory';
import { readSdkError, type SdkErrorKind } from '../../src/aws/sdk-error';
import { classifyAwsError } from '../../src/aws/errors';
import { describeHttpError } from '../../src/aws/media-session/http-error';
import type { AwsTarget } from '../../src/aws/client-factory';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';
import { rejection } from '../support/sdk-rejection';

// One verdict per error type: real SDK errors from kvs-local where it can produce them, built ones where it cannot
// (the service's ExpiredTokenException, a 5xx, InvalidEndpointException, and bugs from our own code).

const serviceError = (name: string, status: number, message = name): Error =>
  Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'req-1' },
    $response: { headers: { 'x-amzn-ErrorType': `${name}:http://internal.amazon.com/` } },
  });

interface Row {
  what: string;
  error: () => Promise<unknown>;
  kind: SdkErrorKind;
  retryable: boolean;
  status: number | null;
  type: string;
}

describe('one reading of SDK errors: kind and retry verdict per error type', () => {
  let kvs: KvsLocalHandle;
  let noConnections: KvsLocalHandle;
  let files: AwsFiles;
  let factory: CachingClientFactory;
  const target = (profile: string, endpoint = kvs.url): AwsTarget => ({ profile, region: 'us-east-1', endpoint });
  const control = (profile = 'kvs-local', endpoint?: string) =>
    factory.controlPlane(target(profile, endpoint ?? kvs.url));

  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined });
    kvs.createStream('door');
    noConnections = await startKvsLocal({ log: () => undefined, limits: { connections: 0 } });
    noConnections.createStream('door');
    files = useAwsFiles(
      '',
      '[kvs-local]\naws_access_key_id = AKIDKVSLOCAL\naws_secret_access_key = kvs-local-secret\n' +
        '[wrong-secret]\naws_access_key_id = AKIDKVSLOCAL\naws_secret_access_key = wrong\n',
    );
    const failing = join(files.dir, 'failing.sh');
    writeFileSync(failing, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const expired = files.credentialProcess('AKIDKVSLOCAL', 'kvs-local-secret', new Date(Date.now() - 60_000));
    writeFileSync(
      files.configFile,
      `[profile failing]\ncredential_process = ${failing}\n[profile expired]\ncredential_process = ${expired}\n[profile none]\nregion = us-east-1\n`,
    );
    factory = await loadClientFactory({ log: () => undefined });
  });
  after(async () => {
    factory.reset();
    await kvs.close();
    await noConnections.close();
    files.restore();
  });

  const freePort = (): Promise<number> =>
    new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });

  const rows: Row[] = [
    {
      what: 'ListStreams throttled by kvs-local',
      error: () => {
        kvs.injectOperationFault('ListStreams', 'throttle=5');
        return rejection(control().send(new ListStreamsCommand({}))).finally(() => kvs.clearOperationFaults());
      },
      kind: 'throttled',
      retryable: true,
      status: 400,
      type: 'ClientLimitExceededException',
    },
    {
      what: 'GetMedia past the connection limit',
      error: async () => {
        const endpoint = noConnections.url;
        const client = factory.media(target('kvs-local', endpoint), endpoint);
        const selector = { StartSelectorType: 'EARLIEST' as const };
        return rejection(client.send(new GetMediaCommand({ StreamName: 'door', StartSelector: selector })));
      },
      kind: 'throttled',
      retryable: true,
      status: 400,
      type: 'ConnectionLimitExceededException',
    },
    {
      what: 'access denied by kvs-local',
      error: () => {
        kvs.injectOperationFault('DescribeStream', 'access-denied=1');
        return rejection(control().send(new DescribeStreamCommand({ StreamName: 'door' })));
      },
      kind: 'access-denied',
      retryable: false,
      status: 403,
      type: 'AccessDeniedException',
    },
    {
      what: 'a wrong secret key',
      error: () => rejection(control('wrong-secret').send(new ListStreamsCommand({}))),
      kind: 'credentials-rejected',
      retryable: false,
      status: 403,
      type: 'InvalidSignatureException',
    },
    {
      what: 'a stream that does not exist',
      error: () => rejection(control().send(new DescribeStreamCommand({ StreamName: 'nowhere' }))),
      kind: 'not-found',
      retryable: false,
      status: 404,
      type: 'ResourceNotFoundException',
    },
    {
      what: 'an invalid stream name',
      error: () =>
        rejection(control().send(new GetDataEndpointCommand({ StreamName: 'bad name!', APIName: 'GET_MEDIA' }))),
      kind: 'invalid-request',
      retryable: false,
      status: 400,
      type: 'InvalidArgumentException',
    },
    {
      what: 'an endpoint where nothing listens',
      error: async () =>
        rejection(control('kvs-local', `http://127.0.0.1:${await freePort()}`).send(new ListStreamsCommand({}))),
      kind: 'network',
      retryable: true,
      status: null,
      type: 'Error',
    },
    {
      what: 'a credential_process that exits with 3',
      error: () => rejection(control('failing').send(new ListStreamsCommand({}))),
      kind: 'credentials-failed',
      retryable: false,
      status: null,
      type: 'CredentialProcessError',
    },
    {
      what: 'a credential_process that prints expired credentials',
      error: () => rejection(control('expired').send(new ListStreamsCommand({}))),
      kind: 'credentials-expired',
      retryable: false,
      status: null,
      type: 'CredentialProcessError',
    },
    {
      what: 'a profile without credentials',
      error: () => rejection(control('none').send(new ListStreamsCommand({}))),
      kind: 'credentials-missing',
      retryable: false,
      status: null,
      type: 'CredentialsProviderError',
    },
    {
      what: 'the service says the session token expired',
      error: async () =>
        serviceError('ExpiredTokenException', 403, 'The security token included in the request is expired'),
      kind: 'credentials-expired',
      retryable: false,
      status: 403,
      type: 'ExpiredTokenException',
    },
    {
      what: 'the data endpoint moved',
      error: async () => serviceError('InvalidEndpointException', 400),
      kind: 'endpoint-moved',
      retryable: true,
      status: 400,
      type: 'InvalidEndpointException',
    },
    {
      what: 'a service fault',
      error: async () => serviceError('InternalFailure', 500),
      kind: 'service-fault',
      retryable: true,
      status: 500,
      type: 'InternalFailure',
    },
    {
      what: 'the SDK connection timeout',
      error: async () => Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }),
      kind: 'network',
      retryable: true,
      status: null,
      type: 'TimeoutError',
    },
    {
      what: 'a TypeError from a bug',
      error: async () => new TypeError("Cannot read properties of undefined (reading 'length')"),
      kind: 'bug',
      retryable: false,
      status: null,
      type: 'TypeError',
    },
    {
      what: 'a RangeError from a bug, even mentioning ECONNRESET',
      error: async () => new RangeError('Maximum call stack size exceeded near ECONNRESET'),
      kind: 'bug',
      retryable: false,
      status: null,
      type: 'RangeError',
    },
    {
      what: 'an error with no status and no code',
      error: async () => new Error('something odd'),
      kind: 'other',
      retryable: false,
      status: null,
      type: 'Error',
    },
  ];

  for (const row of rows) {
    test(`${row.what}: ${row.type} -> ${row.kind}, ${row.retryable ? 'retried' : 'not retried'}`, async () => {
      const error = await row.error();
      const reading = readSdkError(error);
      assert.equal(reading.kind, row.kind, `${reading.type}: ${reading.message}`);
      assert.equal(reading.type, row.type);
      assert.equal(reading.status, row.status);
      assert.equal(reading.retryable, row.retryable);
      if (row.status !== null && row.status < 500 && row.what.includes('kvs-local'))
        assert.ok(reading.requestId, 'kvs-local answers with a request id');
      // The explorer, the inspector and the call log read the same verdict.
      assert.equal(classifyAwsError(error, target('p')).transient, row.retryable);
      assert.equal(classifyAwsError(error, target('p')).kind, row.kind);
      assert.equal(describeHttpError('GetMedia', error).retryable, row.retryable);
    });
  }

  test('a credential_process failure names the profile and the exit code', async () => {
    const problem = classifyAwsError(await rows[7].error(), target('failing'));
    assert.match(problem.title, /credential_process failed for profile "failing"/);
    assert.match(problem.detail, /exited with code 3/);
  });
});
