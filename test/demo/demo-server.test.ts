import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DEMO_PROFILE,
  loadClientFactory,
  type AwsTarget,
  type CachingClientFactory,
} from '../../src/aws/client-factory';
import { listStreamsPage } from '../../src/aws/streams';
import { DEMO_ERROR, DEMO_STREAMS, startDemoServer, type DemoServer } from '../../src/demo/demo-server';
import { getMedia } from '../kvs-local/media-client';
import { completeChunks } from '../kvs-local/read-chunks';
import { repoRoot } from '../support/paths';
import { portRefused } from '../support/ports';

// The demo streams as the extension starts them: kvs-local in this process, the captures shipped in media/demo/,
// a fresh key pair in memory; reached through the extension's own client factory with DEMO_PROFILE.

describe('the demo streams', () => {
  let demo: DemoServer;
  let factory: CachingClientFactory;
  let target: AwsTarget;
  const logged: string[] = [];
  before(async () => {
    demo = await startDemoServer(join(repoRoot, 'media', 'demo'), (line) => logged.push(line));
    factory = await loadClientFactory({
      log: () => undefined,
      fixedCredentials: (profile) => (profile === DEMO_PROFILE ? demo.credential : undefined),
    });
    target = { profile: DEMO_PROFILE, region: demo.region, endpoint: demo.url };
  });
  after(async () => {
    factory.reset();
    await demo.close();
  });

  test('listen on 127.0.0.1 with a key pair of their own, new at every start', async () => {
    assert.match(demo.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(demo.credential.accessKeyId, /^AKIDDEMO[0-9A-F]{12}$/);
    const other = await startDemoServer(join(repoRoot, 'media', 'demo'), () => undefined);
    try {
      assert.notEqual(other.credential.secretAccessKey, demo.credential.secretAccessKey);
      assert.notEqual(other.port, demo.port);
    } finally {
      await other.close();
    }
  });

  test('list the recorded, live and error streams through DEMO_PROFILE', async () => {
    const page = await listStreamsPage(factory.controlPlane(target), target, undefined);
    assert.deepEqual(page.streams.map((s) => s.name).sort(), Object.values(DEMO_STREAMS).sort());
  });

  test('the live stream gets fresh fragments in real time', async () => {
    const got = await getMedia(
      factory.media(target, demo.url),
      DEMO_STREAMS.live,
      { StartSelectorType: 'NOW' },
      (c) => completeChunks(c).length >= 1,
      10_000,
    );
    const [chunk] = completeChunks(got.chunks);
    assert.ok(chunk, `no live chunk (${got.ending})`);
    assert.ok(Number(chunk.aws.get('MILLIS_BEHIND_NOW')) < 5000);
  });

  test('the error stream answers its in-band error after a few chunks', async () => {
    const got = await getMedia(factory.media(target, demo.url), DEMO_STREAMS.error, {
      StartSelectorType: 'EARLIEST',
    });
    const errors = got.chunks.filter((c) => c.aws.has('ERROR_ID'));
    assert.equal(errors.length, 1, `ending ${got.ending}`);
    assert.equal(errors[0].aws.get('ERROR_ID'), String(DEMO_ERROR.id));
    assert.equal(completeChunks(got.chunks.filter((c) => !c.aws.has('ERROR_ID'))).length, DEMO_ERROR.afterChunks);
  });

  test('a key pair other than the demo one is refused', async () => {
    const stranger = await loadClientFactory({
      log: () => undefined,
      fixedCredentials: (profile) =>
        profile === DEMO_PROFILE ? { accessKeyId: demo.credential.accessKeyId, secretAccessKey: 'wrong' } : undefined,
    });
    try {
      await assert.rejects(listStreamsPage(stranger.controlPlane(target), target, undefined), /signature/i);
    } finally {
      stranger.reset();
    }
  });

  test('close() leaves nothing listening on the port', async () => {
    const other = await startDemoServer(join(repoRoot, 'media', 'demo'), () => undefined);
    assert.equal(await portRefused(other.port), false);
    await other.close();
    assert.equal(await portRefused(other.port), true);
  });
});
