import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteStreamCommand, DescribeStreamCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { DEFAULT_CREDENTIAL } from '../../kvs-local/server';
import { getMediaFixture, repoRoot } from '../support/paths';
import { AWS_CLI, awsCliHome, haveAws, runAwsCli, type CliResult } from '../support/aws-cli';
import { buildBundles } from '../support/build';
import { startKvsLocalProcess, type KvsLocalProcess } from './cli-process';
import { readChunks, type ReadChunk } from './read-chunks';

const PYTHON = '/usr/bin/python3';
const CAPTURE = getMediaFixture('output_get_media.mkv');
const haveBoto3 = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
const view = (c: ReadChunk): object => ({
  fragment: c.aws.get('FRAGMENT_NUMBER'),
  server: c.aws.get('SERVER_TIMESTAMP'),
  producer: c.aws.get('PRODUCER_TIMESTAMP'),
  frames: c.frames,
  clusterTimecode: c.clusterTimecode,
});

describe('kvs-local as a process, driven by the AWS CLI v2 and boto3', () => {
  let kvs: KvsLocalProcess;
  let home: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    buildBundles('kvs-local', 'cli');
    kvs = await startKvsLocalProcess([
      '--port',
      '0',
      '--keep-capture-times',
      '--seed',
      `door=${CAPTURE}`,
      '--seed',
      `porch=${CAPTURE}`,
      '--seed',
      `yard=${CAPTURE}`,
      '--streams',
      'cam-:25',
    ]);
    ({ home, env } = awsCliHome('kvs-local-aws-', [
      { name: 'default', region: 'us-east-1', ...DEFAULT_CREDENTIAL },
      { name: 'wrong', region: 'us-east-1', ...DEFAULT_CREDENTIAL, secretAccessKey: 'not-the-secret' },
    ]));
    if (haveAws) startIndependentCalls();
  });
  after(async () => {
    await kvs?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  // Each CLI call starts a Python process: independent calls run side by side.
  const awsAsync = (...args: string[]): Promise<CliResult> => runAwsCli(['--endpoint-url', kvs.url, ...args], env);
  const calls = new Map<string, Promise<CliResult>>();
  const aws = (...args: string[]): Promise<CliResult> => {
    const key = args.join(' ');
    if (!calls.has(key)) calls.set(key, awsAsync(...args));
    return calls.get(key) as Promise<CliResult>;
  };
  const startIndependentCalls = (): void => {
    void aws('kinesisvideo', 'list-streams');
    void aws('kinesisvideo', 'describe-stream', '--stream-name', 'door');
    void aws('kinesisvideo', 'get-data-endpoint', '--stream-name', 'door', '--api-name', 'GET_MEDIA');
    void aws('kinesis-video-archived-media', 'list-fragments', '--stream-name', 'porch');
    void aws('--profile', 'wrong', 'kinesisvideo', 'list-streams');
  };

  test('prints the URL as its first line and serves signed calls', () => {
    assert.match(kvs.firstLine, /^kvs-local listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('aws kinesisvideo list-streams, describe-stream, get-data-endpoint', { skip: !haveAws }, async () => {
    const list = await aws('kinesisvideo', 'list-streams');
    assert.equal(list.status, 0, list.stderr);
    // The CLI follows NextToken itself: 3 seeded streams and 25 cam- streams, 10 per page.
    const names = (JSON.parse(list.stdout) as { StreamInfoList: Array<{ StreamName: string }> }).StreamInfoList.map(
      (s) => s.StreamName,
    );
    assert.equal(names.length, 28);
    const described = await aws('kinesisvideo', 'describe-stream', '--stream-name', 'door');
    assert.equal(described.status, 0, described.stderr);
    assert.equal((JSON.parse(described.stdout) as { StreamInfo: { Status: string } }).StreamInfo.Status, 'ACTIVE');
    const endpoint = await aws('kinesisvideo', 'get-data-endpoint', '--stream-name', 'door', '--api-name', 'GET_MEDIA');
    assert.equal(endpoint.status, 0, endpoint.stderr);
    assert.equal((JSON.parse(endpoint.stdout) as { DataEndpoint: string }).DataEndpoint, kvs.url);
  });

  test('aws kinesis-video-archived-media list-fragments', { skip: !haveAws }, async () => {
    const out = await aws('kinesis-video-archived-media', 'list-fragments', '--stream-name', 'porch');
    assert.equal(out.status, 0, out.stderr);
    const fragments = (JSON.parse(out.stdout) as { Fragments: Array<{ FragmentNumber: string }> }).Fragments;
    const original = readChunks(readFileSync(CAPTURE)).chunks.map((c) => c.aws.get('FRAGMENT_NUMBER'));
    // ListFragments promises no order, even across pages (kvs-local shuffles as the service may).
    assert.deepEqual(fragments.map((f) => f.FragmentNumber).sort(), [...original].sort());
  });

  test('aws kinesis-video-media get-media to a file reads back fragment for fragment', { skip: !haveAws }, async () => {
    const out = join(home, 'door.mkv');
    const child = spawn(
      AWS_CLI,
      [
        '--endpoint-url',
        kvs.url,
        'kinesis-video-media',
        'get-media',
        '--stream-name',
        'door',
        '--start-selector',
        'StartSelectorType=EARLIEST',
        out,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const original = readChunks(readFileSync(CAPTURE)).chunks;
    // GetMedia never ends while the stream lives, and the CLI buffers its file: once the file stops growing,
    // deleting the stream ends the session and the CLI flushes and exits.
    const deadline = Date.now() + 30_000;
    let size = -1;
    let stableSince = Date.now();
    while (Date.now() < deadline && (size < 1_000_000 || Date.now() - stableSince < 1000)) {
      await new Promise((r) => setTimeout(r, 100));
      const now = existsSync(out) ? readFileSync(out).length : 0;
      if (now !== size) {
        size = now;
        stableSince = Date.now();
      }
    }
    const sdk = new KinesisVideoClient({
      endpoint: kvs.url,
      region: 'us-east-1',
      credentials: DEFAULT_CREDENTIAL,
    });
    const { StreamInfo } = await sdk.send(new DescribeStreamCommand({ StreamName: 'door' }));
    await sdk.send(new DeleteStreamCommand({ StreamARN: StreamInfo?.StreamARN }));
    sdk.destroy();
    assert.equal(await exited, 0, stderr);
    const got = readChunks(readFileSync(out));
    assert.equal(got.fault, null);
    assert.deepEqual(got.chunks.map(view), original.map(view));
    // kvs-inspect, the project's own CLI, reads the file back fragment for fragment as it reads the capture.
    const inspect = (file: string): object[] => {
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist/kvs-inspect.js'), file], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout
        .trim()
        .split('\n')
        .map((line) => {
          const c = JSON.parse(line) as Record<string, unknown>;
          return {
            fragmentNumber: c.fragmentNumber,
            serverTimestamp: c.serverTimestamp,
            producerTimestamp: c.producerTimestamp,
            clusterTimecode: c.clusterTimecode,
            frames: c.frames,
            keyframes: c.keyframes,
          };
        });
    };
    assert.deepEqual(inspect(out), inspect(CAPTURE));
  });

  test('a wrong secret fails in the CLI as AWS fails', { skip: !haveAws }, async () => {
    const out = await aws('--profile', 'wrong', 'kinesisvideo', 'list-streams');
    assert.notEqual(out.status, 0);
    assert.match(out.stderr, /InvalidSignatureException/);
    assert.match(out.stderr, /signature we calculated does not match/);
  });

  test(
    'boto3: list_streams, describe_stream, get_data_endpoint, get_media, list_fragments, and a wrong secret',
    { skip: !haveBoto3 },
    () => {
      const script = `
import json, sys, boto3, botocore
url = sys.argv[1]
kw = dict(endpoint_url=url, region_name='us-east-1', aws_access_key_id='AKIDKVSLOCAL', aws_secret_access_key='kvs-local-secret')
kv = boto3.client('kinesisvideo', **kw)
names = [s['StreamName'] for page in kv.get_paginator('list_streams').paginate() for s in page['StreamInfoList']]
status = kv.describe_stream(StreamName='yard')['StreamInfo']['Status']
endpoint = kv.get_data_endpoint(StreamName='yard', APIName='GET_MEDIA')['DataEndpoint']
media = boto3.client('kinesis-video-media', **kw)
payload = media.get_media(StreamName='yard', StartSelector={'StartSelectorType': 'EARLIEST'})['Payload']
data = b''
# read(n) waits for n bytes: stop after the 4th chunk's token, while the 5th chunk still has bytes to come.
while data.count(b'AWS_KINESISVIDEO_CONTINUATION_TOKEN') < 4:
    data += payload.read(4096)
payload.close()
archived = boto3.client('kinesis-video-archived-media', **kw)
fragments = archived.list_fragments(StreamName='yard')['Fragments']
wrong = boto3.client('kinesisvideo', **dict(kw, aws_secret_access_key='nope'))
try:
    wrong.list_streams()
    error = None
except botocore.exceptions.ClientError as e:
    error = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(dict(names=len(names), status=status, endpoint=endpoint, media_bytes=len(data), fragments=len(fragments), error=error)))
`;
      const r = spawnSync(PYTHON, ['-c', script, kvs.url], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: '/usr/bin:/bin', HOME: home, AWS_EC2_METADATA_DISABLED: 'true' },
      });
      assert.equal(r.status, 0, r.stderr);
      const result = JSON.parse(r.stdout) as {
        names: number;
        status: string;
        endpoint: string;
        media_bytes: number;
        fragments: number;
        error: [string, number];
      };
      assert.ok(result.names >= 27);
      assert.equal(result.status, 'ACTIVE');
      assert.equal(result.endpoint, kvs.url);
      assert.ok(result.media_bytes > 1_500_000);
      assert.equal(result.fragments, 5);
      assert.deepEqual(result.error, ['InvalidSignatureException', 403]);
    },
  );
});
