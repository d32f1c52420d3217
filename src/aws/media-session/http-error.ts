/** Turns an SDK or network error into what the user needs: name, status, x-amzn-ErrorType, request id, retry or not. */

import type { HttpErrorInfo } from '../../protocol';
import { readSdkError } from '../sdk-error';

/** The one reading of SDK errors (src/aws/sdk-error.ts), in the shape the webview shows. */
export function describeHttpError(operation: string, error: unknown): HttpErrorInfo {
  const e = readSdkError(error);
  return {
    operation,
    name: e.type,
    message: e.message,
    status: e.status,
    errorType: e.errorTypeHeader,
    requestId: e.requestId,
    retryable: e.retryable,
  };
}

/** One line for the log and a banner title. */
export function formatHttpError(d: HttpErrorInfo): string {
  const parts = [`${d.operation} failed: ${d.name}`];
  if (d.status !== null) parts.push(`HTTP ${d.status}`);
  if (d.errorType) parts.push(`x-amzn-ErrorType ${d.errorType}`);
  if (d.requestId) parts.push(`request ${d.requestId}`);
  return `${parts.join(', ')}: ${d.message}`;
}
