import { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import { KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import type { ArchiveClientFactory, StreamRef } from '../../../src/aws/client-factory';
import type { KvsLocalHandle } from '../../../kvs-local/server';

/** Real SDK clients on kvs-local, archived media included; the data endpoints are the ones GetDataEndpoint returns. */
export function archiveFactory(kvs: KvsLocalHandle): { factory: ArchiveClientFactory; destroy(): void } {
  const credentials = kvs.credentials[0];
  const clients: Array<{ destroy(): void }> = [];
  const keep = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };
  const factory: ArchiveClientFactory = {
    controlPlane: (target) => keep(new KinesisVideoClient({ region: target.region, endpoint: kvs.url, credentials })),
    media: (target, dataEndpoint) =>
      keep(new KinesisVideoMediaClient({ region: target.region, endpoint: dataEndpoint, credentials })),
    archivedMedia: (target, dataEndpoint) =>
      keep(new KinesisVideoArchivedMediaClient({ region: target.region, endpoint: dataEndpoint, credentials })),
  };
  return { factory, destroy: () => clients.forEach((c) => c.destroy()) };
}

export const archiveStream = (kvs: KvsLocalHandle, streamName: string): StreamRef => ({
  target: { profile: 'kvs-local', region: kvs.region },
  streamName,
});
