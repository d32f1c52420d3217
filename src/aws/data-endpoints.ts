import { streamKey, type KvsClientFactory, type StreamRef } from './client-factory';

/** GetDataEndpoint's APINames: GetMedia's and the archive calls'. */
export type DataApiName =
  | 'GET_MEDIA'
  | 'LIST_FRAGMENTS'
  | 'GET_MEDIA_FOR_FRAGMENT_LIST'
  | 'GET_IMAGES'
  | 'GET_CLIP'
  | 'GET_HLS_STREAMING_SESSION_URL'
  | 'GET_DASH_STREAMING_SESSION_URL';

/** The service allows GetDataEndpoint 5 calls a second: its answers are kept this long per stream and APIName. */
const TTL_MS = 45 * 60 * 1000;

/** GetDataEndpoint answers, cached per stream and APIName; a connection failure invalidates one. */
export class DataEndpoints {
  private readonly entries = new Map<string, { endpoint: string; expiresAt: number }>();

  constructor(
    readonly factory: Pick<KvsClientFactory, 'controlPlane'>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(stream: StreamRef, apiName: DataApiName, signal?: AbortSignal): Promise<string> {
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

  /** Forget a stream's endpoint for `apiName` so the next call asks again (after a connection failure). */
  invalidate(stream: StreamRef, apiName: DataApiName): void {
    this.entries.delete(`${streamKey(stream)}|${apiName}`);
  }
}
