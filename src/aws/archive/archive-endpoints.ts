import { streamKey, type ArchiveClientFactory, type StreamRef } from '../client-factory';

/** The archive calls' APINames for GetDataEndpoint. */
export type ArchiveApiName =
  | 'LIST_FRAGMENTS'
  | 'GET_MEDIA_FOR_FRAGMENT_LIST'
  | 'GET_IMAGES'
  | 'GET_CLIP'
  | 'GET_HLS_STREAMING_SESSION_URL'
  | 'GET_DASH_STREAMING_SESSION_URL';

const TTL_MS = 45 * 60 * 1000;

/** GetDataEndpoint answers per stream and APIName, kept 45 minutes as the inspector keeps GET_MEDIA's. */
export class ArchiveEndpoints {
  private readonly entries = new Map<string, { endpoint: string; expiresAt: number }>();

  constructor(
    readonly factory: ArchiveClientFactory,
    private readonly now: () => number = Date.now,
  ) {}

  async get(stream: StreamRef, apiName: ArchiveApiName, signal?: AbortSignal): Promise<string> {
    const key = `${streamKey(stream)}|${apiName}`;
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.endpoint;
    const { GetDataEndpointCommand } = await import('@aws-sdk/client-kinesis-video');
    const out = await this.factory.controlPlane(stream.target).send(
      new GetDataEndpointCommand({
        APIName: apiName,
        ...(stream.streamArn ? { StreamARN: stream.streamArn } : { StreamName: stream.streamName }),
      }),
      { abortSignal: signal },
    );
    if (!out.DataEndpoint) throw new Error(`GetDataEndpoint returned no DataEndpoint for stream ${stream.streamName}.`);
    this.entries.set(key, { endpoint: out.DataEndpoint, expiresAt: this.now() + TTL_MS });
    return out.DataEndpoint;
  }

  /** An archived-media client for the stream's endpoint of this API. */
  async client(stream: StreamRef, apiName: ArchiveApiName, signal?: AbortSignal) {
    return this.factory.archivedMedia(stream.target, await this.get(stream, apiName, signal));
  }
}

/** StreamName or StreamARN, as every archive call takes it. */
export const streamParams = (stream: StreamRef): { StreamName: string } | { StreamARN: string } =>
  stream.streamArn ? { StreamARN: stream.streamArn } : { StreamName: stream.streamName };
