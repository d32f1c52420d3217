import { after, before } from 'node:test';
import { KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import type { ArchiveClientFactory } from '../../src/aws/client-factory';
import { startKvsLocal, type KvsLocalHandle, type KvsLocalOptions } from '../../kvs-local/server';
import { clientOn, kvsLocalFactory } from './kvs-local-clients';

export interface KvsLocalSuite {
  readonly kvs: KvsLocalHandle;
  /** The extension's client factory on it (kvsLocalFactory). */
  readonly factory: ArchiveClientFactory;
  /** Plain SDK clients on kvs-local's own URL, for tests that call the service directly. */
  readonly media: KinesisVideoMediaClient;
  readonly archivedMedia: KinesisVideoArchivedMediaClient;
}

/**
 * kvs-local in this process for the enclosing describe (quiet unless `options.log` says otherwise): started with its
 * SDK clients by a before hook registered here, so the suite's own before hooks can seed it, and closed after.
 */
export function useKvsLocal(options: KvsLocalOptions = {}): KvsLocalSuite {
  let started: KvsLocalSuite | undefined;
  let destroyFactory = (): void => undefined;
  before(async () => {
    const kvs = await startKvsLocal({ log: () => undefined, ...options });
    const { factory, destroy } = kvsLocalFactory(kvs);
    destroyFactory = destroy;
    started = {
      kvs,
      factory,
      media: clientOn(kvs, KinesisVideoMediaClient),
      archivedMedia: clientOn(kvs, KinesisVideoArchivedMediaClient),
    };
  });
  after(async () => {
    destroyFactory();
    started?.media.destroy();
    started?.archivedMedia.destroy();
    await started?.kvs.close();
  });
  const get = (): KvsLocalSuite => {
    if (!started) throw new Error('kvs-local starts in the before hook: use it inside hooks and tests');
    return started;
  };
  return {
    get kvs() {
      return get().kvs;
    },
    get factory() {
      return get().factory;
    },
    get media() {
      return get().media;
    },
    get archivedMedia() {
      return get().archivedMedia;
    },
  };
}
