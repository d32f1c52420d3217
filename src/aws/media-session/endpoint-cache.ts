import { streamKey, type KvsClientFactory, type StreamRef } from '../client-factory';

/** GetDataEndpoint (APIName GET_MEDIA) results, cached per stream for 45 minutes (the service allows 5 calls/s). */

const TTL_MS = 45 * 60 * 1000;

interface Entry {
  endpoint: string;
  expiresAt: number;
}

export class DataEndpointCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly factory: KvsClientFactory,
    private readonly now: () => number = Date.now,
  ) {}

  async get(stream: StreamRef, signal: AbortSignal): Promise<string> {
    const key = streamKey(stream);
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.endpoint;
    const { GetDataEndpointCommand } = await import('@aws-sdk/client-kinesis-video');
    const client = this.factory.controlPlane(stream.target);
    const out = await client.send(
      new GetDataEndpointCommand({
        APIName: 'GET_MEDIA',
        ...(stream.streamArn ? { StreamARN: stream.streamArn } : { StreamName: stream.streamName }),
      }),
      { abortSignal: signal },
    );
    if (!out.DataEndpoint) throw new Error(`GetDataEndpoint returned no DataEndpoint for stream ${stream.streamName}.`);
    this.entries.set(key, { endpoint: out.DataEndpoint, expiresAt: this.now() + TTL_MS });
    return out.DataEndpoint;
  }

  /** Forget a stream's endpoint so the next call asks again (after a connection failure). */
  invalidate(stream: StreamRef): void {
    this.entries.delete(streamKey(stream));
  }
}
