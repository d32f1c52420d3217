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

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `call` while AWS throttles it, waiting with exponential backoff and full jitter; any other error,
 * or throttling past the last attempt, is thrown as is. On top of the SDK's own short retry budget, because a
 * tree that pages through 1,000+ streams can outlast it.
 */
export async function withThrottlingBackoff<T>(
  target: AwsTarget,
  call: () => Promise<T>,
  options: BackoffOptions = DEFAULT_BACKOFF,
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.attempts || classifyAwsError(error, target).kind !== 'throttled') throw error;
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      options.onRetry?.(attempt, delayMs, error);
      await sleep(delayMs);
    }
  }
}
