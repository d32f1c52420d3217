import type { SessionStats } from '../protocol';

export interface LagWatchSettings {
  /** MILLIS_BEHIND_NOW above this is a warning. */
  lagWarningMs: number;
  /** No chunk for this long while the session is live is a warning. */
  stallWarningMs: number;
  /** One notification per excursion into warning (off: the status bar item only). */
  notify: boolean;
}

/** What the watch needs from an inspector. */
export interface WatchedInspector {
  readonly streamName: string;
  stats(): SessionStats;
  /** When the last chunk arrived (the watch's clock), or when the session started if none has. */
  lastChunkAt(): number;
}

export interface LagReading {
  text: string;
  tooltip: string;
  warning: boolean;
  /** Set once when a warning starts (an excursion), when notifications are on. */
  notification: string | null;
}

const LIVE: ReadonlySet<SessionStats['state']> = new Set(['connecting', 'streaming', 'idle', 'reconnecting']);

/** The lag watch's logic, no VS Code: a reading per tick, a notification once per excursion into warning. */
export class LagWatchModel {
  private watched: WatchedInspector | null = null;
  private inWarning = false;

  constructor(
    private readonly settings: () => LagWatchSettings,
    private readonly now: () => number,
  ) {}

  read(target: WatchedInspector | null): LagReading | null {
    if (target !== this.watched) {
      this.watched = target;
      this.inWarning = false;
    }
    if (!target) return null;
    const s = target.stats();
    const { lagWarningMs, stallWarningMs, notify } = this.settings();
    const live = LIVE.has(s.state);
    const silentMs = this.now() - target.lastChunkAt();
    const lagging = live && s.millisBehindNow !== null && s.millisBehindNow > lagWarningMs;
    const stalled = live && silentMs > stallWarningMs;
    const warning = lagging || stalled;
    const reason = stalled
      ? `no chunk for ${seconds(silentMs)} s (warning after ${seconds(stallWarningMs)} s)`
      : lagging
        ? `${count(s.millisBehindNow ?? 0)} ms behind now (warning above ${count(lagWarningMs)} ms)`
        : null;
    const notification = warning && !this.inWarning && notify ? `KVS Inspector: ${target.streamName} ${reason}.` : null;
    this.inWarning = warning;
    const lag = s.millisBehindNow === null ? 'lag —' : `${count(s.millisBehindNow)} ms`;
    const state = stalled ? `stalled ${seconds(silentMs)} s` : s.state;
    return {
      text: `${warning ? '$(warning)' : '$(pulse)'} ${target.streamName} · ${lag} · ${s.chunksPerSecond.toFixed(1)}/s · ${state}`,
      tooltip: [
        `${target.streamName}: ${s.state}`,
        `MILLIS_BEHIND_NOW ${s.millisBehindNow === null ? 'not seen yet' : `${count(s.millisBehindNow)} ms`}`,
        `${s.chunksPerSecond.toFixed(1)} chunks/s, ${count(s.chunks)} chunks`,
        ...(reason ? [`Warning: ${reason}`] : []),
        'Click to show the inspector.',
      ].join('\n'),
      warning,
      notification,
    };
  }
}

const count = (n: number): string => n.toLocaleString('en-US');
const seconds = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
