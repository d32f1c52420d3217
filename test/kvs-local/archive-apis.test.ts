import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetClipCommand,
  GetDASHStreamingSessionURLCommand,
  GetHLSStreamingSessionURLCommand,
  GetImagesCommand,
  ListFragmentsCommand,
  type Fragment,
  type GetImagesCommandInput,
} from '@aws-sdk/client-kinesis-video-archived-media';
import type { StoredFragment } from '../../kvs-local/fragment';
import { gapAndNoCodecPrivate } from '../support/archive-seeds';
import { getMediaFixture } from '../support/paths';
import { useKvsLocal } from '../support/kvs-local-suite';
import { rejection } from '../support/sdk-rejection';

const FILE = getMediaFixture('kinesis_video_renderer_example_output.mkv');
const GAP_ENDS_AGO_MS = 600_000;
const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

describe('kvs-local archive APIs (ListFragments, GetImages, GetClip, HLS, DASH) through the real SDK', () => {
  const local = useKvsLocal({
    seeds: gapAndNoCodecPrivate(FILE, GAP_ENDS_AGO_MS),
  });
  let gap: StoredFragment[];
  let dir: string;
  before(async () => {
    local.kvs.store.create({ name: 'no-retention', dataRetentionInHours: 0 });
    await local.kvs.seed('no-retention', FILE);
    gap = local.kvs.store.get('gap')?.fragments ?? [];
    dir = mkdtempSync(join(tmpdir(), 'kvs-local-archive-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  const listAll = async (input: Omit<ConstructorParameters<typeof ListFragmentsCommand>[0], 'NextToken'>) => {
    const pages: Fragment[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await local.archivedMedia.send(new ListFragmentsCommand({ ...input, NextToken }));
      pages.push(page.Fragments ?? []);
      NextToken = page.NextToken;
    } while (NextToken);
    return pages;
  };
  const serverRange = (from: number, to: number) => ({
    FragmentSelectorType: 'SERVER_TIMESTAMP' as const,
    TimestampRange: { StartTimestamp: new Date(from), EndTimestamp: new Date(to) },
  });

  test('ListFragments pages every retained fragment exactly once, in no particular order', async () => {
    assert.equal(gap.length, 16);
    const pages = await listAll({ StreamName: 'gap', MaxResults: 5 });
    assert.deepEqual(
      pages.map((p) => p.length),
      [5, 5, 5, 1],
    );
    const numbers = pages.flat().map((f) => f.FragmentNumber);
    assert.deepEqual([...numbers].sort(), gap.map((f) => f.number).sort());
    assert.notDeepEqual(
      numbers,
      gap.map((f) => f.number),
      'the service promises no order; kvs-local shuffles',
    );
  });

  test('ListFragments selects by server or producer time range', async () => {
    const byServer = (
      await listAll({
        StreamName: 'gap',
        FragmentSelector: serverRange(gap[2].serverTimestampMs, gap[9].serverTimestampMs),
      })
    ).flat();
    assert.deepEqual(
      byServer.map((f) => f.FragmentNumber).sort(),
      gap
        .slice(2, 10)
        .map((f) => f.number)
        .sort(),
    );
    const byProducer = (
      await listAll({
        StreamName: 'gap',
        FragmentSelector: {
          FragmentSelectorType: 'PRODUCER_TIMESTAMP',
          TimestampRange: {
            StartTimestamp: new Date(gap[8].producerTimestampMs),
            EndTimestamp: new Date(Date.now() + 3_600_000),
          },
        },
      })
    ).flat();
    assert.deepEqual(
      byProducer.map((f) => f.FragmentNumber).sort(),
      gap
        .slice(8)
        .map((f) => f.number)
        .sort(),
    );
    const foreign = await rejection(
      local.archivedMedia.send(new ListFragmentsCommand({ StreamName: 'gap', NextToken: 'bm90LW91cnM=' })),
    );
    assert.equal(foreign.name, 'InvalidArgumentException');
  });

  test('a stream with retention 0 archives nothing: ListFragments is empty, the others answer NoDataRetentionException', async () => {
    const pages = await listAll({ StreamName: 'no-retention' });
    assert.deepEqual(pages.flat(), []);
    const range = serverRange(Date.now() - 60_000, Date.now() - 1);
    for (const call of [
      local.archivedMedia.send(new GetClipCommand({ StreamName: 'no-retention', ClipFragmentSelector: range })),
      local.archivedMedia.send(
        new GetHLSStreamingSessionURLCommand({
          StreamName: 'no-retention',
          PlaybackMode: 'ON_DEMAND',
          HLSFragmentSelector: range,
        }),
      ),
      local.archivedMedia.send(
        new GetDASHStreamingSessionURLCommand({
          StreamName: 'no-retention',
          PlaybackMode: 'ON_DEMAND',
          DASHFragmentSelector: range,
        }),
      ),
      local.archivedMedia.send(
        new GetImagesCommand({
          StreamName: 'no-retention',
          ImageSelectorType: 'SERVER_TIMESTAMP',
          StartTimestamp: new Date(Date.now() - 60_000),
          EndTimestamp: new Date(),
          SamplingInterval: 3000,
          Format: 'JPEG',
        }),
      ),
    ]) {
      const e = await rejection(call);
      assert.equal(e.name, 'NoDataRetentionException');
      assert.equal(e.$metadata.httpStatusCode, 400);
    }
  });

  test("HLS ON_DEMAND: the session URL's playlists list exactly the range's fragments", async () => {
    const out = await local.archivedMedia.send(
      new GetHLSStreamingSessionURLCommand({
        StreamName: 'gap',
        PlaybackMode: 'ON_DEMAND',
        HLSFragmentSelector: serverRange(gap[8].serverTimestampMs, gap[11].serverTimestampMs),
      }),
    );
    const masterUrl = out.HLSStreamingSessionURL ?? '';
    assert.match(masterUrl, /\/hls\/v1\/getHLSMasterPlaylist\.m3u8\?SessionToken=/);
    const master = await (await fetch(masterUrl)).text();
    const mediaUrl = new URL(master.trim().split('\n').at(-1) ?? '', masterUrl);
    const playlist = await (await fetch(mediaUrl)).text();
    const listed = [...playlist.matchAll(/FragmentNumber=(\d+)/g)].map((m) => m[1]);
    assert.deepEqual(
      listed,
      gap.slice(8, 12).map((f) => f.number),
    );
    assert.match(playlist, /#EXT-X-ENDLIST/);
    const forged = await fetch(masterUrl.replace(/SessionToken=.*/, 'SessionToken=forged'));
    assert.equal(forged.status, 403);
  });

  test("DASH ON_DEMAND: the manifest lists the range's fragments", async () => {
    const out = await local.archivedMedia.send(
      new GetDASHStreamingSessionURLCommand({
        StreamName: 'gap',
        PlaybackMode: 'ON_DEMAND',
        DASHFragmentSelector: serverRange(gap[0].serverTimestampMs, gap[2].serverTimestampMs),
      }),
    );
    const mpd = await (await fetch(out.DASHStreamingSessionURL ?? '')).text();
    assert.deepEqual(
      [...mpd.matchAll(/FragmentNumber=(\d+)/g)].map((m) => m[1]),
      gap.slice(0, 3).map((f) => f.number),
    );
  });

  test('playback sessions refuse as documented: no CodecPrivate, no fragments in range, a range over 24 h, LIVE with nothing recent', async () => {
    const recent = serverRange(Date.now() - 60_000, Date.now() - 1);
    const hls = (name: string, range = recent, mode: 'ON_DEMAND' | 'LIVE' = 'ON_DEMAND') =>
      rejection(
        local.archivedMedia.send(
          new GetHLSStreamingSessionURLCommand({
            StreamName: name,
            PlaybackMode: mode,
            HLSFragmentSelector: mode === 'LIVE' ? undefined : range,
          }),
        ),
      );
    const missing = await hls('no-cpd');
    assert.equal(missing.name, 'MissingCodecPrivateDataException');
    assert.match(missing.message, /track 1 \(V_MPEG4\/ISO\/AVC\)/);
    const dash = await rejection(
      local.archivedMedia.send(
        new GetDASHStreamingSessionURLCommand({
          StreamName: 'no-cpd',
          PlaybackMode: 'ON_DEMAND',
          DASHFragmentSelector: recent,
        }),
      ),
    );
    assert.equal(dash.name, 'MissingCodecPrivateDataException');
    const empty = await hls('gap', serverRange(gap[7].serverTimestampMs + 1000, gap[8].serverTimestampMs - 1000));
    assert.equal(empty.name, 'ResourceNotFoundException');
    assert.equal(empty.$metadata.httpStatusCode, 404);
    const long = await hls('gap', serverRange(Date.now() - 25 * 3_600_000, Date.now() - 1));
    assert.equal(long.name, 'InvalidArgumentException');
    local.kvs.createStream('quiet');
    const live = await hls('quiet', recent, 'LIVE');
    assert.equal(live.name, 'ResourceNotFoundException');
  });

  test(
    'GetImages: real JPEG and PNG frames at the asked size, NO_MEDIA in the gap, MEDIA_ERROR without decodable video, pages of 25',
    { skip: !haveFfmpeg && 'ffmpeg is not installed' },
    async () => {
      const inGap = gap[7].producerTimestampMs + GAP_ENDS_AGO_MS / 2;
      const images = async (input: Partial<GetImagesCommandInput>) =>
        local.archivedMedia.send(
          new GetImagesCommand({
            StreamName: 'gap',
            ImageSelectorType: 'PRODUCER_TIMESTAMP',
            StartTimestamp: new Date(gap[0].producerTimestampMs),
            EndTimestamp: new Date(gap[0].producerTimestampMs + 3000),
            SamplingInterval: 3000,
            Format: 'JPEG',
            WidthPixels: 160,
            HeightPixels: 120,
            ...input,
          }),
        );
      const jpeg = await images({});
      assert.equal(jpeg.Images?.length, 2);
      const file = join(dir, 'frame.jpg');
      writeFileSync(file, Buffer.from(jpeg.Images?.[0].ImageContent ?? '', 'base64'));
      assert.deepEqual(probe(file), { codec_name: 'mjpeg', width: '160', height: '120' });
      const png = await images({ Format: 'PNG', WidthPixels: 64, HeightPixels: 48 });
      writeFileSync(file, Buffer.from(png.Images?.[0].ImageContent ?? '', 'base64'));
      assert.deepEqual(probe(file), { codec_name: 'png', width: '64', height: '48' });
      const none = await images({ StartTimestamp: new Date(inGap), EndTimestamp: new Date(inGap + 1000) });
      assert.deepEqual(
        none.Images?.map((i) => [i.TimeStamp?.getTime(), i.Error]),
        [[inGap, 'NO_MEDIA']],
      );
      const noCpd = local.kvs.store.get('no-cpd')?.fragments[0];
      const broken = await images({
        StreamName: 'no-cpd',
        StartTimestamp: new Date(noCpd?.producerTimestampMs ?? 0),
        EndTimestamp: new Date((noCpd?.producerTimestampMs ?? 0) + 100),
      });
      assert.deepEqual(
        broken.Images?.map((i) => i.Error),
        ['MEDIA_ERROR'],
      );
      const thirtyImages = {
        Format: 'PNG' as const,
        EndTimestamp: new Date(gap[0].producerTimestampMs + 29_000),
        SamplingInterval: 1000,
        MaxResults: 100,
        WidthPixels: 8,
        HeightPixels: 8,
      };
      const first = await images(thirtyImages);
      assert.equal(first.Images?.length, 25, 'a MaxResults above 25 still pages 25');
      const second = await images({ ...thirtyImages, NextToken: first.NextToken });
      assert.equal(second.Images?.length, 5);
      assert.equal(second.NextToken, undefined);
      for (const bad of [
        { EndTimestamp: new Date(gap[0].producerTimestampMs + 301_000) },
        { SamplingInterval: 100 },
        { HeightPixels: undefined },
      ]) {
        assert.equal((await rejection(images(bad))).name, 'InvalidArgumentException');
      }
    },
  );

  test(
    'GetClip: a real MP4 ffprobe reads, of the fragments starting in range; refusals decoded',
    { skip: !haveFfmpeg && 'ffmpeg is not installed' },
    async () => {
      const out = await local.archivedMedia.send(
        new GetClipCommand({
          StreamName: 'gap',
          ClipFragmentSelector: serverRange(gap[8].serverTimestampMs - 1, Date.now() - 1),
        }),
      );
      assert.equal(out.ContentType, 'video/mp4');
      const file = join(dir, 'clip.mp4');
      writeFileSync(
        file,
        await (out.Payload as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
      const info = spawnSync(
        'ffprobe',
        ['-v', 'error', '-show_entries', 'stream=codec_name:format=format_name,duration', '-of', 'json', file],
        { encoding: 'utf8' },
      );
      const parsed = JSON.parse(info.stdout) as {
        streams: Array<{ codec_name: string }>;
        format: { format_name: string; duration: string };
      };
      assert.equal(parsed.streams[0].codec_name, 'h264');
      assert.match(parsed.format.format_name, /mp4/);
      assert.ok(Math.abs(Number(parsed.format.duration) - 15) < 2, `the clip lasts ${parsed.format.duration} s`);
      const missing = await rejection(
        local.archivedMedia.send(
          new GetClipCommand({
            StreamName: 'no-cpd',
            ClipFragmentSelector: serverRange(Date.now() - 120_000, Date.now() - 1),
          }),
        ),
      );
      assert.equal(missing.name, 'MissingCodecPrivateDataException');
      const empty = await rejection(
        local.archivedMedia.send(
          new GetClipCommand({
            StreamName: 'gap',
            ClipFragmentSelector: serverRange(Date.now() - 10 * 3_600_000, Date.now() - 5 * 3_600_000),
          }),
        ),
      );
      assert.equal(empty.name, 'ResourceNotFoundException');
    },
  );
});

function probe(file: string): Record<string, string> {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'default=noprint_wrappers=1', file],
    { encoding: 'utf8' },
  );
  return Object.fromEntries(
    out.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]),
  );
}
