import type { AwsCallLog, AwsCallLogger, AwsTarget } from './client-factory';
import { readSdkError } from './sdk-error';

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
  $metadata?: { attempts?: unknown };
}

function errorEntry(error: unknown): Pick<AwsCallLog, 'status' | 'requestId' | 'errorName' | 'attempts'> {
  const e = readSdkError(error);
  const attemptsValue = (error as CallError | null)?.$metadata?.attempts;
  const attempts = typeof attemptsValue === 'number' ? attemptsValue : undefined;
  if (e.status !== null) return { status: e.status, requestId: e.requestId ?? undefined, errorName: e.type, attempts };
  return { status: e.kind === 'network' ? 'network-error' : 'client-error', errorName: e.type, attempts };
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
