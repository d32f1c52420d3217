import { after, before } from 'node:test';
import type { ArchiveClientFactory } from '../../src/aws/client-factory';
import { startKvsLocal, type KvsLocalHandle, type KvsLocalOptions } from '../../kvs-local/server';
import { kvsLocalFactory } from './kvs-local-clients';

export interface KvsLocalSuite {
  readonly kvs: KvsLocalHandle;
  /** The extension's client factory on it (kvsLocalFactory). */
  readonly factory: ArchiveClientFactory;
}

/**
 * kvs-local in this process for the enclosing describe (quiet unless `options.log` says otherwise): started with its
 * SDK clients by a before hook registered here, so the suite's own before hooks can seed it, and closed after.
 */
export function useKvsLocal(options: KvsLocalOptions = {}): KvsLocalSuite {
  let started: { kvs: KvsLocalHandle; clients: ReturnType<typeof kvsLocalFactory> } | undefined;
  before(async () => {
    const kvs = await startKvsLocal({ log: () => undefined, ...options });
    started = { kvs, clients: kvsLocalFactory(kvs) };
  });
  after(async () => {
    started?.clients.destroy();
    await started?.kvs.close();
  });
  const get = (): NonNullable<typeof started> => {
    if (!started) throw new Error('kvs-local starts in the before hook: use it inside hooks and tests');
    return started;
  };
  return {
    get kvs() {
      return get().kvs;
    },
    get factory() {
      return get().clients.factory;
    },
  };
}
