import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { AWS_CLI, awsCliHome, haveAws, runAwsCli, type CliResult } from '../support/aws-cli';
import { gapAndNoCodecPrivate } from '../support/archive-seeds';
import { getMediaFixture } from '../support/paths';

// Its fragments are 2 s apart on both clocks; the CLI sends timestamps in whole seconds.
const FILE = getMediaFixture('clusters.mkv');
const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe('kvs-local archive APIs driven by the AWS CLI', { skip: !haveAws && `${AWS_CLI} is not installed` }, () => {
  let kvs: KvsLocalHandle;
  let home: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    kvs = await startKvsLocal({
      log: () => undefined,
      seeds: gapAndNoCodecPrivate(FILE, 600_000),
    });
    ({ home, env } = awsCliHome('kvs-local-aws-archive-', [
      { name: 'default', region: kvs.region, ...kvs.credentials[0] },
    ]));
  });
  after(async () => {
    await kvs?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  const aws = (...args: string[]): Promise<CliResult> =>
    runAwsCli(['--endpoint-url', kvs.url, 'kinesis-video-archived-media', ...args], env);
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
