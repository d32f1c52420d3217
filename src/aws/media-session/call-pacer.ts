import { sleep } from '../backoff';

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
