import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileFeed } from '../../src/inspector/file-feed';
import type { Banner } from '../../src/protocol';

/** Runs a capture file through FileFeed to its end; returns its banners and final stats. */
async function readToEnd(path: string, size: number): Promise<{ feed: FileFeed; banners: Banner[] }> {
  const feed = new FileFeed(path, size);
  const banners: Banner[] = [];
  await new Promise<void>((resolve) => {
    feed.start({
      records: () => undefined,
      notice: () => undefined,
      banner: (b) => {
        if (b) banners.push(b);
      },
      stateChanged: () => {
        if (feed.stats().state === 'done' || feed.stats().state === 'failed') resolve();
      },
    });
  });
  return { feed, banners };
}

describe('capture files that hold nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-empty-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('an empty file ends as done with "empty file", and an info banner naming it', async () => {
    const path = join(dir, 'empty.mkv');
    writeFileSync(path, '');
    const { feed, banners } = await readToEnd(path, 0);
    const stats = feed.stats();
    assert.equal(stats.state, 'done');
    assert.equal(stats.detail, 'empty file (0 bytes)');
    assert.equal(stats.chunks, 0);
    assert.deepEqual(
      banners.map((b) => [b.level, b.title]),
      [['info', 'empty.mkv is an empty file']],
    );
  });
});
