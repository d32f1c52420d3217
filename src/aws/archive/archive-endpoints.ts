import type { ArchiveClientFactory, StreamRef } from '../client-factory';
import { DataEndpoints, type DataApiName } from '../data-endpoints';

/** The archive calls' APINames for GetDataEndpoint. */
export type ArchiveApiName = Exclude<DataApiName, 'GET_MEDIA'>;

/** GetDataEndpoint answers for the archive calls, and archived-media clients on them. */
export class ArchiveEndpoints extends DataEndpoints {
  constructor(
    override readonly factory: ArchiveClientFactory,
    now?: () => number,
  ) {
    super(factory, now);
  }

  /** An archived-media client for the stream's endpoint of this API. */
  async client(stream: StreamRef, apiName: ArchiveApiName, signal?: AbortSignal) {
    return this.factory.archivedMedia(stream.target, await this.get(stream, apiName, signal));
  }
}
/** StreamName or StreamARN, as every archive call takes it. */
export const streamParams = (stream: StreamRef): { StreamName: string } | { StreamARN: string } =>
  stream.streamArn ? { StreamARN: stream.streamArn } : { StreamName: stream.streamName };
