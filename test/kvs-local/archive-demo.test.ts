import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetHLSStreamingSessionURLCommand,
  KinesisVideoArchivedMediaClient,
  ListFragmentsCommand,
} from '@aws-sdk/client-kinesis-video-archived-media';
import { DEFAULT_CREDENTIAL } from '../../kvs-local/server';
import { fragmentInfo } from '../../src/aws/archive/list-fragments';
import { analyzeTimeline, type FragmentInfo, type TimestampType } from '../../src/core/archive/timeline';
import type { ArchiveDemoSeed } from '../../scripts/archive-demo.mjs' with { 'resolution-mode': 'import' };
import { seedRunning } from '../support/archive-seeds';
import { repoRoot } from '../support/paths';
import { buildBundles } from '../support/build';
import { startKvsLocalProcess, type KvsLocalProcess } from './cli-process';
import { rejection } from '../support/sdk-rejection';

describe("the demo's archive streams, from kvs-local's own flags", () => {
  let kvs: KvsLocalProcess;
  let client: KinesisVideoArchivedMediaClient;
  let seeds: ArchiveDemoSeed[];
  before(async () => {
    buildBundles('kvs-local');
    // What the demo passes kvs-local (an ES module: these tests are CommonJS to the type checker).
    const demo = await import('../../scripts/archive-demo.mjs');
    seeds = demo.ARCHIVE_DEMO_SEEDS;
    kvs = await startKvsLocalProcess(['--port', '0', ...demo.archiveDemoArgs(repoRoot)]);
    client = new KinesisVideoArchivedMediaClient({
      endpoint: kvs.url,
      region: 'us-east-1',
      credentials: DEFAULT_CREDENTIAL,
    });
  });
  after(async () => {
    client?.destroy();
    await kvs?.stop();
  });

  async function timeline(name: string, type: TimestampType) {
    const fragments: FragmentInfo[] = [];
    const range = { rangeStartMs: Date.now() - 3_600_000, rangeEndMs: Date.now() + 60_000 };
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListFragmentsCommand({
          StreamName: name,
          NextToken,
          FragmentSelector: {
            FragmentSelectorType: type,
            TimestampRange: { StartTimestamp: new Date(range.rangeStartMs), EndTimestamp: new Date(range.rangeEndMs) },
          },
        }),
      );
      fragments.push(...(page.Fragments ?? []).map(fragmentInfo));
      NextToken = page.NextToken;
    } while (NextToken);
    return analyzeTimeline(fragments, { type, ...range });
  }

  test('archive-gap: one gap of a few minutes, flagged with its length', async () => {
    const { summary, rows } = await timeline('archive-gap', 'SERVER_TIMESTAMP');
    assert.equal(summary.fragments, 16);
    assert.equal(summary.gaps, 1);
    assert.ok(summary.largestGapMs > 4 * 60_000 && summary.largestGapMs < 5 * 60_000, `gap ${summary.largestGapMs} ms`);
    assert.equal(rows[8].gapBeforeMs, summary.largestGapMs);
  });

  test('archive-overlap: the second copy starts before the first ends', async () => {
    const { summary } = await timeline('archive-overlap', 'PRODUCER_TIMESTAMP');
    assert.ok(summary.overlaps >= 1, `${summary.overlaps} overlaps`);
    assert.equal(summary.gaps, 0);
  });

  test('archive-no-codec-private: HLS names the missing codec private data', async () => {
    const e = await rejection(
      client.send(
        new GetHLSStreamingSessionURLCommand({
          StreamName: 'archive-no-codec-private',
          PlaybackMode: 'ON_DEMAND',
          HLSFragmentSelector: {
            FragmentSelectorType: 'SERVER_TIMESTAMP',
            TimestampRange: {
              StartTimestamp: new Date(Date.now() - 3_600_000),
              EndTimestamp: new Date(Date.now() - 1),
            },
          },
        }),
      ),
    );
    assert.equal(e.name, 'MissingCodecPrivateDataException');
  });

  test('POST /kvs-local/seed makes the same streams in a running server', async () => {
    for (const seed of seeds.filter((s) => s.name === 'archive-gap')) {
      const res = await seedRunning(kvs.url, seed, 'seeded-later');
      assert.equal(res.status, 200, await res.clone().text());
    }
    const { summary } = await timeline('seeded-later', 'SERVER_TIMESTAMP');
    assert.equal(summary.gaps, 1);
    const bad = await fetch(`${kvs.url}/kvs-local/seed`, {
      method: 'POST',
      body: JSON.stringify({ StreamName: 'x', File: '/nonexistent.mkv' }),
    });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /ENOENT|no such file/);
  });
});
