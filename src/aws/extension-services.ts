import { formatCallLog } from './call-logger';
import { loadClientFactory, type CachingClientFactory } from './client-factory';
import type { FixedCredentials } from './credentials';
import { readEndpointSetting } from './endpoint-setting';
import { redact } from './redact';
import type { ExtensionServices, LogSink } from './services';

export interface ServicesOptions {
  log: LogSink;
  /** Reads kvsInspector.endpoint now (settings change while VS Code runs). */
  readEndpoint: () => unknown;
  /** Tests shorten the 30 s a credential_process may take. */
  credentialTimeoutMs?: number;
  /** Key pairs held in memory for pseudo-profiles (the demo streams). */
  fixedCredentials?: FixedCredentials;
}

/** The log every feature writes to, with secrets taken out of every line whatever its source. */
function redactingLog(log: LogSink): LogSink {
  return {
    info: (message) => log.info(redact(message)),
    warn: (message) => log.warn(redact(message)),
    error: (message) => log.error(redact(message instanceof Error ? `${message.name}: ${message.message}` : message)),
  };
}

/** The services object extension.ts shares between features; the SDK loads on the first getClientFactory(). */
export function createExtensionServices(
  options: ServicesOptions,
): ExtensionServices & { resetClients(): void; sdkLoaded(): boolean } {
  let factory: Promise<CachingClientFactory> | undefined;
  let sdkReady = false;
  const log = redactingLog(options.log);
  return {
    log,
    endpointOverride() {
      const setting = readEndpointSetting(options.readEndpoint());
      return setting.kind === 'override' ? setting.url : undefined;
    },
    endpointSetting: () => readEndpointSetting(options.readEndpoint()),
    getClientFactory() {
      factory ??= (async () => {
        const started = performance.now();
        const loaded = await loadClientFactory({
          fixedCredentials: options.fixedCredentials,
          log: (entry) => {
            const line = formatCallLog(entry);
            if (typeof entry.status === 'number' && entry.status < 400) log.info(line);
            else log.warn(line);
          },
          credentialTimeoutMs: options.credentialTimeoutMs,
        });
        sdkReady = true;
        log.info(`AWS SDK loaded in ${Math.round(performance.now() - started)} ms`);
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
