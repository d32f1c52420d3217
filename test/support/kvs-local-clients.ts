import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import type { ArchiveClientFactory, StreamRef } from '../../src/aws/client-factory';
import type { KvsLocalCredential, KvsLocalHandle } from '../../kvs-local/server';

/** Real SDK clients of kvs-local, signed with its first key pair. */

interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: KvsLocalCredential;
}

/** One client of any of the three services, on kvs-local's own URL. */
export const clientOn = <C>(kvs: KvsLocalHandle, Client: new (config: ClientConfig) => C): C =>
  new Client({ endpoint: kvs.url, region: kvs.region, credentials: kvs.credentials[0] });

/**
 * The extension's client factory on kvs-local: a target's endpoint wins, as in the extension; else the control plane
 * is kvs-local's URL and the data clients use the endpoints GetDataEndpoint returns.
 */
export function kvsLocalFactory(kvs: KvsLocalHandle): { factory: ArchiveClientFactory; destroy(): void } {
  const credentials = kvs.credentials[0];
  const clients: Array<{ destroy(): void }> = [];
  const keep = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };
  const factory: ArchiveClientFactory = {
    controlPlane: (target) =>
      keep(new KinesisVideoClient({ region: target.region, endpoint: target.endpoint ?? kvs.url, credentials })),
    media: (target, dataEndpoint) =>
      keep(
        new KinesisVideoMediaClient({ region: target.region, endpoint: target.endpoint ?? dataEndpoint, credentials }),
      ),
    archivedMedia: (target, dataEndpoint) =>
      keep(
        new KinesisVideoArchivedMediaClient({
          region: target.region,
          endpoint: target.endpoint ?? dataEndpoint,
          credentials,
        }),
      ),
  };
  return { factory, destroy: () => clients.forEach((c) => c.destroy()) };
}

/** A stream on kvs-local; `withEndpoint` false: no endpoint override, so data endpoints come from GetDataEndpoint. */
export const streamRef = (kvs: KvsLocalHandle, streamName: string, withEndpoint = true): StreamRef => ({
  target: { profile: 'kvs-local', region: kvs.region, ...(withEndpoint ? { endpoint: kvs.url } : {}) },
  streamName,
});
