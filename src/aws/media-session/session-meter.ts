/** The session's numbers for the header: state, idle time, bytes and chunks per second, ms behind now. */

import type { SessionStateKind, SessionStats } from '../../protocol';

const WINDOW_MS = 2000;

export class SessionMeter {
  private state: SessionStateKind = 'connecting';
  private detail: string | null = null;
  private bytes = 0;
  private chunks = 0;
  private reconnects = 0;
  private millisBehindNow: number | null = null;
  private connected = false;
  private lastByteAt = 0;
  private readonly samples: Array<{ at: number; bytes: number; chunks: number }> = [];
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleAfterMs: number,
    private readonly onState: (state: SessionStateKind, detail: string | null) => void,
    private readonly now: () => number = Date.now,
  ) {}

  setState(state: SessionStateKind, detail: string | null): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.onState(state, detail);
  }

  connectionOpened(): void {
    this.connected = true;
    this.lastByteAt = this.now();
    this.setState('streaming', null);
    clearInterval(this.idleTimer);
    this.idleTimer = setInterval(() => this.checkIdle(), Math.min(1000, this.idleAfterMs));
    this.idleTimer.unref?.();
  }

  connectionClosed(): void {
    this.connected = false;
    clearInterval(this.idleTimer);
    this.idleTimer = undefined;
  }

  reconnected(): void {
    this.reconnects++;
  }

  bytesArrived(count: number): void {
    this.bytes += count;
    this.lastByteAt = this.now();
    this.sample(count, 0);
    if (this.state === 'idle') this.setState('streaming', null);
  }

  chunkArrived(millisBehindNow: number | null): void {
    this.chunks++;
    if (millisBehindNow !== null) this.millisBehindNow = millisBehindNow;
    this.sample(0, 1);
  }

  snapshot(canResume: boolean): SessionStats {
    const now = this.now();
    this.trim(now);
    const span = Math.max(1, Math.min(WINDOW_MS, now - (this.samples[0]?.at ?? now))) / 1000;
    const windowBytes = this.samples.reduce((sum, s) => sum + s.bytes, 0);
    const windowChunks = this.samples.reduce((sum, s) => sum + s.chunks, 0);
    return {
      state: this.state,
      detail: this.detail,
      bytes: this.bytes,
      chunks: this.chunks,
      reconnects: this.reconnects,
      idleSeconds: this.connected ? Math.floor((now - this.lastByteAt) / 1000) : 0,
      bytesPerSecond: this.samples.length ? windowBytes / Math.max(span, 1) : 0,
      chunksPerSecond: this.samples.length ? windowChunks / Math.max(span, 1) : 0,
      millisBehindNow: this.millisBehindNow,
      canResume,
    };
  }

  private checkIdle(): void {
    if (!this.connected) return;
    const quietMs = this.now() - this.lastByteAt;
    if (quietMs >= this.idleAfterMs)
      this.setState('idle', `no bytes for ${Math.floor(quietMs / 1000)} s; the connection is open`);
  }

  private sample(bytes: number, chunks: number): void {
    const at = this.now();
    const last = this.samples[this.samples.length - 1];
    if (last && at - last.at < 100) {
      last.bytes += bytes;
      last.chunks += chunks;
    } else this.samples.push({ at, bytes, chunks });
    this.trim(at);
  }

  private trim(now: number): void {
    while (this.samples.length && now - this.samples[0].at > WINDOW_MS) this.samples.shift();
  }
}
