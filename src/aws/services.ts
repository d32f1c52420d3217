import type { ArchiveClientFactory } from './client-factory';
import type { EndpointSetting } from './endpoint-setting';

/** Lines for the "KVS Inspector" output channel (a vscode LogOutputChannel satisfies it). */
export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/**
 * What extension.ts hands to each feature (explorer, inspector): one factory for every AWS client, loaded on
 * first use, and the shared log. Features never build SDK clients or output channels of their own.
 */
export interface ExtensionServices {
  /** Loads the AWS SDK on the first call; later calls return the same factory. */
  getClientFactory(): Promise<ArchiveClientFactory>;
  log: LogSink;
  /** The kvsInspector.endpoint setting, trimmed; undefined when empty or invalid (see endpointSetting()). */
  endpointOverride(): string | undefined;
  /** The setting checked: an invalid one stops every call and is shown as one error row. */
  endpointSetting(): EndpointSetting;
}
