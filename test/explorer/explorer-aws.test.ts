import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { loadClientFactory, type CachingClientFactory } from '../../src/aws/client-factory';
import { describeStream, listStreamPages, listStreamsPage } from '../../src/aws/streams';
import { classifyAwsError } from '../../src/aws/errors';
import { formatCallLog } from '../../src/aws/call-logger';
import type { AwsCallLog, AwsTarget } from '../../src/aws/client-factory';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';
import { rejection } from '../support/sdk-rejection';

const GOOD_SECRET = 'kvs-local-secret';
const SECOND_SECRET = 'second-pair-secret-value';
const WRONG_SECRET = 'this-secret-is-wrong';

describe('AWS layer against kvs-local: credentials, paging, errors, call log', () => {
  let kvs: KvsLocalHandle;
  let files: AwsFiles;
  let factory: CachingClientFactory;
  const calls: AwsCallLog[] = [];
  const target = (profile: string): AwsTarget => ({ profile, region: 'us-east-1', endpoint: kvs.url });

  before(async () => {
    kvs = await startKvsLocal({
      port: 0,
      log: () => undefined,
      streams: [{ prefix: 'cam-', count: 1200 }],
      credentials: [
        { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: GOOD_SECRET },
        { accessKeyId: 'AKIDSECOND', secretAccessKey: SECOND_SECRET },
      ],
    });
    kvs.createStream('door');
    files = useAwsFiles('', '');
    const script = files.credentialProcess('AKIDSECOND', SECOND_SECRET);
    const expiredScript = files.credentialProcess('AKIDSECOND', SECOND_SECRET, new Date(Date.now() - 3_600_000));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      files.configFile,
      [
        '[profile kvs-local]',
        'region = us-east-1',
        '',
        '[profile by-process]',
        'region = us-east-1',
        `credential_process = ${script}`,
        '',
        '[profile wrong-secret]',
        'region = us-east-1',
        '',
        '[profile no-credentials]',
        'region = us-east-1',
        '',
        '[profile expired]',
        'region = us-east-1',
        `credential_process = ${expiredScript}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      files.credentialsFile,
      [
        '[kvs-local]',
        'aws_access_key_id = AKIDKVSLOCAL',
        `aws_secret_access_key = ${GOOD_SECRET}`,
        '',
        '[wrong-secret]',
        'aws_access_key_id = AKIDKVSLOCAL',
        `aws_secret_access_key = ${WRONG_SECRET}`,
        '',
      ].join('\n'),
    );
    factory = await loadClientFactory({ log: (entry) => calls.push(entry) });
  });
  after(async () => {
    factory.reset();
    await kvs.close();
    files.restore();
  });

  test('a profile with access keys pages through all 1,201 streams, sorted, each once', async () => {
    const names: string[] = [];
    let pages = 0;
    for await (const page of listStreamPages(factory.controlPlane(target('kvs-local')), target('kvs-local'), {
      pageSize: 100,
    })) {
      pages++;
      names.push(...page.streams.map((s) => s.name));
    }
    assert.equal(pages, 13);
    assert.equal(names.length, 1201);
    assert.equal(new Set(names).size, 1201);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    assert.equal(names[0], 'cam-0000');
    assert.equal(names.at(-1), 'door');
  });

  test('a stream summary carries ARN, status, retention and creation time', async () => {
    const page = await listStreamsPage(factory.controlPlane(target('kvs-local')), target('kvs-local'), undefined, {
      namePrefix: 'door',
    });
    assert.equal(page.streams.length, 1);
    const door = page.streams[0];
    assert.match(door.arn ?? '', /^arn:aws:kinesisvideo:us-east-1:\d{12}:stream\/door\/\d+$/);
    assert.equal(door.status, 'ACTIVE');
    assert.ok(door.creationTime instanceof Date);
    assert.equal(page.nextToken, undefined);
  });

  test('DescribeStream gives the current facts; a deleted stream is a "not found" problem', async () => {
    const client = factory.controlPlane(target('kvs-local'));
    const door = await describeStream(client, target('kvs-local'), 'door');
    assert.equal(door.name, 'door');
    assert.equal(door.status, 'ACTIVE');
    assert.match(door.arn ?? '', /stream\/door\//);
    const problem = classifyAwsError(
      await rejection(describeStream(client, target('kvs-local'), 'no-such-stream')),
      target('kvs-local'),
    );
    assert.equal(problem.kind, 'not-found');
  });

  test('the name prefix filter is sent as StreamNameCondition BEGINS_WITH', async () => {
    const page = await listStreamsPage(factory.controlPlane(target('kvs-local')), target('kvs-local'), undefined, {
      namePrefix: 'cam-11',
      pageSize: 1000,
    });
    assert.equal(page.streams.length, 100);
    assert.ok(page.streams.every((s) => s.name.startsWith('cam-11')));
  });

  test('a credential_process profile signs with the keys its script prints', async () => {
    const page = await listStreamsPage(factory.controlPlane(target('by-process')), target('by-process'), undefined, {
      pageSize: 5,
    });
    assert.equal(page.streams.length, 5);
  });

  test('a wrong secret is a "credentials rejected" problem that says what to do', async () => {
    const error = await rejection(
      listStreamsPage(factory.controlPlane(target('wrong-secret')), target('wrong-secret'), undefined),
    );
    const problem = classifyAwsError(error, target('wrong-secret'));
    assert.equal(problem.kind, 'credentials-rejected');
    assert.equal(problem.errorName, 'InvalidSignatureException');
    assert.match(problem.title, /wrong-secret/);
    assert.match(problem.whatToDo, /secret key/);
  });

  test('a profile without credentials is a "credentials missing" problem naming the profile', async () => {
    const error = await rejection(
      listStreamsPage(factory.controlPlane(target('no-credentials')), target('no-credentials'), undefined),
    );
    const problem = classifyAwsError(error, target('no-credentials'));
    assert.equal(problem.kind, 'credentials-missing', `${problem.errorName}: ${problem.detail}`);
    assert.match(problem.title, /no-credentials/);
  });

  test('credentials that expired are an "expired" problem telling how to refresh them', async () => {
    const error = await rejection(
      listStreamsPage(factory.controlPlane(target('expired')), target('expired'), undefined),
    );
    const problem = classifyAwsError(error, target('expired'));
    assert.equal(problem.kind, 'credentials-expired', `${problem.errorName}: ${problem.detail}`);
    assert.match(problem.title, /expired for profile "expired"/);
  });

  test('an endpoint where nothing listens is a "cannot reach" problem, quickly', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const nowhere: AwsTarget = { profile: 'kvs-local', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` };
    const started = Date.now();
    const error = await rejection(listStreamsPage(factory.controlPlane(nowhere), nowhere, undefined));
    const problem = classifyAwsError(error, nowhere);
    assert.equal(problem.kind, 'network', `${problem.errorName}: ${problem.detail}`);
    assert.match(problem.title, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.ok(Date.now() - started < 20_000);
  });

  test('every call is logged with operation, status, request id and duration, and no secret ever appears', () => {
    const listCalls = calls.filter((c) => c.operation === 'ListStreams');
    assert.ok(listCalls.length >= 17, `only ${listCalls.length} ListStreams calls logged`);
    const ok = listCalls.find((c) => c.status === 200);
    assert.ok(ok && ok.durationMs >= 0);
    assert.ok(ok.requestId, 'kvs-local answers with a request id');
    const rejected = listCalls.find((c) => c.target.profile === 'wrong-secret');
    assert.equal(rejected?.status, 403);
    assert.equal(rejected?.errorName, 'InvalidSignatureException');
    assert.ok(listCalls.some((c) => c.status === 'network-error'));
    assert.ok(listCalls.some((c) => c.status === 'client-error' && c.target.profile === 'no-credentials'));
    const text = calls.map((c) => `${formatCallLog(c)} ${JSON.stringify(c)}`).join('\n');
    for (const secret of [GOOD_SECRET, SECOND_SECRET, WRONG_SECRET])
      assert.ok(!text.includes(secret), `the log contains ${secret}`);
    assert.match(
      formatCallLog(ok),
      /^ListStreams 200 \d+ ms request \S+ \[kvs-local us-east-1 via http:\/\/127\.0\.0\.1:\d+\]$/,
    );
  });

  test('the media client goes to the endpoint override, not the data endpoint', async () => {
    const media = factory.media(target('kvs-local'), 'https://data.example.invalid');
    const endpoint = await media.config.endpoint?.();
    assert.equal(endpoint?.hostname, '127.0.0.1');
    assert.equal(String(endpoint?.port), String(kvs.port));
  });
});
