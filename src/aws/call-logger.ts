import type { AwsCallLog, AwsCallLogger, AwsTarget } from './client-factory';

/** The minimal slice of an SDK client this needs: its middleware stack. */
interface WithMiddleware {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'initialize'; name: string; override?: boolean }): void;
  };
}

interface CallOutput {
  output?: { $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number } };
}
interface CallError {
  name?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
}

const NETWORK_ERROR = /ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|TimeoutError/;

function errorEntry(error: unknown): Pick<AwsCallLog, 'status' | 'requestId' | 'errorName' | 'attempts'> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CallError;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  if (status !== undefined) return { status, requestId, errorName: name, attempts };
  const text = `${name} ${error instanceof Error ? error.message : ''} ${String((error as { code?: unknown }).code ?? '')}`;
  return { status: NETWORK_ERROR.test(text) ? 'network-error' : 'client-error', errorName: name, attempts };
}

/**
 * Adds one log entry per SDK command (operation, HTTP status, request id, duration, retries) to a client.
 * It sits in the initialize step, outside signing and retries, so it sees the whole call and never the
 * signed request, hence never a secret.
 */
export function attachCallLogger(client: WithMiddleware, target: AwsTarget, log: AwsCallLogger): void {
  const middleware =
    (next: (args: unknown) => Promise<CallOutput>, context: { commandName?: string }) =>
    async (args: unknown): Promise<CallOutput> => {
      const started = performance.now();
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const safeTarget: AwsTarget = { profile: target.profile, region: target.region, endpoint: target.endpoint };
      try {
        const result = await next(args);
        const meta = result.output?.$metadata;
        log({
          operation,
          status: meta?.httpStatusCode ?? 200,
          requestId: meta?.requestId,
          attempts: meta?.attempts,
          durationMs: performance.now() - started,
          target: safeTarget,
        });
        return result;
      } catch (error) {
        log({ operation, ...errorEntry(error), durationMs: performance.now() - started, target: safeTarget });
        throw error;
      }
    };
  client.middlewareStack.add(middleware, { step: 'initialize', name: 'kvsInspectorCallLog', override: true });
}

/** One human line per call for the "KVS Inspector" output channel. */
export function formatCallLog(entry: AwsCallLog): string {
  const parts = [entry.operation, String(entry.status), `${Math.round(entry.durationMs)} ms`];
  if (entry.requestId) parts.push(`request ${entry.requestId}`);
  if (entry.errorName) parts.push(entry.errorName);
  if (entry.attempts !== undefined && entry.attempts > 1) parts.push(`${entry.attempts} attempts`);
  parts.push(
    `[${entry.target.profile} ${entry.target.region}${entry.target.endpoint ? ` via ${entry.target.endpoint}` : ''}]`,
  );
  return parts.join(' ');
}
