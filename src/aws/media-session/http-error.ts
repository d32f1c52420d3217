/** Turns an SDK or network error into what the user needs: name, status, x-amzn-ErrorType, request id, retry or not. */

import type { HttpErrorInfo } from '../../protocol';

/** Worth retrying with backoff: throttling, service faults, a connection that went away. */
const RETRYABLE_NAMES = new Set([
  'ClientLimitExceededException',
  'ConnectionLimitExceededException',
  'InvalidEndpointException',
  'ExpiredTokenException',
  'RequestExpired',
  'TimeoutError',
  'RequestTimeout',
  'ThrottlingException',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function headerOf(error: unknown, name: string): string | null {
  const headers = field(field(error, '$response'), 'headers');
  if (typeof headers !== 'object' || headers === null) return null;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return text(value);
  return null;
}

export function describeHttpError(operation: string, error: unknown): HttpErrorInfo {
  const metadata = field(error, '$metadata');
  const statusValue = field(metadata, 'httpStatusCode');
  const status = typeof statusValue === 'number' ? statusValue : null;
  const code = text(field(error, 'code'));
  const name = text(field(error, 'name')) ?? code ?? 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const errorType = headerOf(error, 'x-amzn-errortype');
  const requestId = text(field(metadata, 'requestId')) ?? headerOf(error, 'x-amzn-requestid');
  const networkFailure = status === null && (code !== null ? NETWORK_CODES.has(code) : true);
  const retryable = RETRYABLE_NAMES.has(name) || (status !== null && status >= 500) || networkFailure;
  return { operation, name, message, status, errorType, requestId, retryable };
}

/** One line for the log and a banner title. */
export function formatHttpError(d: HttpErrorInfo): string {
  const parts = [`${d.operation} failed: ${d.name}`];
  if (d.status !== null) parts.push(`HTTP ${d.status}`);
  if (d.errorType) parts.push(`x-amzn-ErrorType ${d.errorType}`);
  if (d.requestId) parts.push(`request ${d.requestId}`);
  return `${parts.join(', ')}: ${d.message}`;
}
