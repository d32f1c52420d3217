import { formatCallLog } from './call-logger';
import { loadClientFactory, type CachingClientFactory } from './kvs-clients';
import type { FixedCredentials } from './credentials';
import type { ExtensionServices, LogSink } from './services';

export interface ServicesOptions {
  log: LogSink;
  /** Reads kvsInspector.endpoint now (settings change while VS Code runs). */
  readEndpoint: () => string | undefined;
  /** Key pairs held in memory for pseudo-profiles (the demo streams). */
  fixedCredentials?: FixedCredentials;
}

/** The services object extension.ts shares between features; the SDK loads on the first getClientFactory(). */
export function createExtensionServices(
  options: ServicesOptions,
): ExtensionServices & { resetClients(): void; sdkLoaded(): boolean } {
  let factory: Promise<CachingClientFactory> | undefined;
  let sdkReady = false;
  return {
    log: options.log,
    endpointOverride() {
      const value = options.readEndpoint()?.trim();
      return value ? value.replace(/\/+$/, '') : undefined;
    },
    getClientFactory() {
      factory ??= (async () => {
        const started = performance.now();
        const loaded = await loadClientFactory({
          fixedCredentials: options.fixedCredentials,
          log: (entry) => {
            const line = formatCallLog(entry);
            if (typeof entry.status === 'number' && entry.status < 400) options.log.info(line);
            else options.log.warn(line);
          },
        });
        sdkReady = true;
        options.log.info(`AWS SDK loaded in ${Math.round(performance.now() - started)} ms`);
        return loaded;
      })();
      factory.catch(() => {
        factory = undefined;
      });
      return factory;
    },
    sdkLoaded: () => sdkReady,
    resetClients() {
      void factory?.then(
        (f) => f.reset(),
        () => undefined,
      );
    },
  };
}
