import { clientLimit, connectionLimit } from './errors';

/** The service's GetMedia limits per stream: calls per second and concurrent connections. */

export interface LimitOptions {
  callsPerSecond: number;
  connections: number;
}

export const SERVICE_LIMITS: LimitOptions = { callsPerSecond: 5, connections: 3 };

export class StreamLimits {
  private readonly calls = new Map<string, number[]>();
  private readonly open = new Map<string, number>();

  constructor(private readonly limits: LimitOptions = SERVICE_LIMITS) {}

  /** Counts a call and takes a connection, or throws the service's error; release() gives the connection back. */
  admit(streamArn: string, api: string, nowMs = Date.now()): () => void {
    const recent = (this.calls.get(streamArn) ?? []).filter((t) => nowMs - t < 1000);
    if (recent.length >= this.limits.callsPerSecond) {
      this.calls.set(streamArn, recent);
      throw clientLimit(`Exceeded the limit of ${this.limits.callsPerSecond} ${api} calls per second for this stream.`);
    }
    recent.push(nowMs);
    this.calls.set(streamArn, recent);
    const connections = this.open.get(streamArn) ?? 0;
    if (connections >= this.limits.connections) {
      throw connectionLimit(
        `Exceeded the limit of ${this.limits.connections} concurrent ${api} connections for this stream.`,
      );
    }
    this.open.set(streamArn, connections + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(streamArn) ?? 1) - 1;
      if (left <= 0) this.open.delete(streamArn);
      else this.open.set(streamArn, left);
    };
  }
}
