/**
 * Keeps GetMedia calls under the service limit of 5 per second per stream, across every session in this
 * process: each call waits for its turn (at least 220 ms after the previous call to the same stream).
 */

// 200 ms would be exactly 5/s; the margin absorbs network jitter between our clock and the service's window.
const MIN_SPACING_MS = 220;
const nextAllowedAt = new Map<string, number>();

/** Resolves when a call to `streamKey` may go out; rejects with the signal's reason if aborted first. */
export function waitForCallSlot(streamKey: string, signal: AbortSignal, now: () => number = Date.now): Promise<void> {
  const at = Math.max(now(), nextAllowedAt.get(streamKey) ?? 0);
  nextAllowedAt.set(streamKey, at + MIN_SPACING_MS);
  return sleep(at - now(), signal);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    if (ms <= 0) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter: attempt 1 → up to 0.5 s, doubling, capped. */
export function backoffMs(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
