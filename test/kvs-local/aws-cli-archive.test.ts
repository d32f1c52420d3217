import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { getMediaFixture } from '../support/paths';

const AWS = '/usr/bin/aws';
// Its fragments are 2 s apart on both clocks; the CLI sends timestamps in whole seconds.
const FILE = getMediaFixture('clusters.mkv');
const haveAws = existsSync(AWS);
const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('kvs-local archive APIs driven by the AWS CLI', { skip: !haveAws && `${AWS} is not installed` }, () => {
  let kvs: KvsLocalHandle;
  let home: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    kvs = await startKvsLocal({
      log: () => undefined,
      seeds: [
        { name: 'gap', file: FILE, endsAgoMs: 600_000 },
        { name: 'gap', file: FILE },
        { name: 'no-cpd', file: FILE, withoutCodecPrivate: true },
      ],
    });
    home = mkdtempSync(join(tmpdir(), 'kvs-local-aws-archive-'));
    writeFileSync(
      join(home, 'credentials'),
      `[default]\naws_access_key_id = ${kvs.credentials[0].accessKeyId}\naws_secret_access_key = ${kvs.credentials[0].secretAccessKey}\n`,
    );
    writeFileSync(join(home, 'config'), `[default]\nregion = ${kvs.region}\noutput = json\n`);
    env = {
      PATH: '/usr/bin:/bin',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  after(async () => {
    await kvs?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const aws = (...args: string[]): Promise<CliResult> =>
    new Promise((resolve) => {
      const child = spawn(AWS, ['--endpoint-url', kvs.url, 'kinesis-video-archived-media', ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);

  test('list-fragments follows NextToken to every fragment (the CLI pages by itself)', async () => {
    const out = await aws('list-fragments', '--stream-name', 'gap', '--page-size', '5');
    assert.equal(out.status, 0, out.stderr);
    const listed = (JSON.parse(out.stdout) as { Fragments: Array<{ FragmentNumber: string }> }).Fragments;
    const stored = kvs.store.get('gap')?.fragments ?? [];
    assert.deepEqual(listed.map((f) => f.FragmentNumber).sort(), stored.map((f) => f.number).sort());
  });

  test('get-hls-streaming-session-url: a URL for ON_DEMAND; MissingCodecPrivateDataException without CodecPrivate', async () => {
    const range = `FragmentSelectorType=SERVER_TIMESTAMP,TimestampRange={StartTimestamp=${seconds(Date.now() - 120_000)},EndTimestamp=${seconds(Date.now() - 1)}}`;
    const ok = await aws(
      'get-hls-streaming-session-url',
      '--stream-name',
      'gap',
      '--playback-mode',
      'ON_DEMAND',
      '--hls-fragment-selector',
      range,
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(JSON.parse(ok.stdout).HLSStreamingSessionURL as string, /getHLSMasterPlaylist\.m3u8\?SessionToken=/);
    const refused = await aws(
      'get-hls-streaming-session-url',
      '--stream-name',
      'no-cpd',
      '--playback-mode',
      'ON_DEMAND',
      '--hls-fragment-selector',
      range,
    );
    assert.equal(refused.status, 254);
    assert.match(refused.stderr, /MissingCodecPrivateDataException/);
  });

  test('get-images and get-clip produce real media', { skip: !haveFfmpeg && 'ffmpeg is not installed' }, async () => {
    const first = kvs.store.get('gap')?.fragments[8];
    const start = (first?.serverTimestampMs ?? 0) + 1000;
    const images = await aws(
      'get-images',
      '--stream-name',
      'gap',
      '--image-selector-type',
      'SERVER_TIMESTAMP',
      '--start-timestamp',
      seconds(start),
      '--end-timestamp',
      seconds(start + 6000),
      '--sampling-interval',
      '3000',
      '--format',
      'JPEG',
      '--width-pixels',
      '160',
      '--height-pixels',
      '120',
    );
    assert.equal(images.status, 0, images.stderr);
    const got = (JSON.parse(images.stdout) as { Images: Array<{ ImageContent?: string; Error?: string }> }).Images;
    assert.deepEqual(
      got.map((i) => i.Error ?? 'image'),
      ['image', 'image', 'image'],
    );
    assert.ok(
      got.every((i) =>
        Buffer.from(i.ImageContent ?? '', 'base64')
          .subarray(0, 2)
          .equals(Buffer.from([0xff, 0xd8])),
      ),
    );
    const clip = join(home, 'clip.mp4');
    const out = await aws(
      'get-clip',
      '--stream-name',
      'gap',
      '--clip-fragment-selector',
      `FragmentSelectorType=SERVER_TIMESTAMP,TimestampRange={StartTimestamp=${seconds(start - 2000)},EndTimestamp=${seconds(Date.now() - 1)}}`,
      clip,
    );
    assert.equal(out.status, 0, out.stderr);
    assert.equal(JSON.parse(out.stdout).ContentType, 'video/mp4');
    assert.ok(statSync(clip).size > 100_000);
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', clip], {
      encoding: 'utf8',
    });
    assert.equal(probe.stdout.trim(), 'h264');
  });
});
