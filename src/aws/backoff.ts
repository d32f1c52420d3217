import { classifyAwsError } from './errors';
import type { AwsTarget } from './client-factory';

export interface BackoffOptions {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Called before each wait, for the log. */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_BACKOFF: BackoffOptions = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Exponential backoff with "equal jitter": the ceiling doubles from `initialMs` per attempt up to `maxMs`, and the wait
 * is half the ceiling plus a random part of the other half. Half is always waited, so retries never bunch up at 0 ms.
 */
export function backoffMs(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`; rejects with the signal's reason if it is aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    if (ms <= 0) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Retries `call` while AWS throttles it, waiting with exponential backoff and equal jitter; any other error,
 * or throttling past the last attempt, is thrown as is. On top of the SDK's own short retry budget, because a
 * tree that pages through 1,000+ streams can outlast it.
 */
export async function withThrottlingBackoff<T>(
  target: AwsTarget,
  call: () => Promise<T>,
  options: BackoffOptions = DEFAULT_BACKOFF,
): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.attempts || classifyAwsError(error, target).kind !== 'throttled') throw error;
      const delayMs = backoffMs(attempt, options.baseDelayMs, options.maxDelayMs);
      options.onRetry?.(attempt, delayMs, error);
      await wait(delayMs);
    }
  }
}
