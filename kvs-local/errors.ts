import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** An error answered the way the service answers it: status, x-amzn-ErrorType, body {"Message": ...}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const invalidArgument = (message: string): ApiError => new ApiError(400, 'InvalidArgumentException', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'ResourceNotFoundException', message);
export const resourceInUse = (message: string): ApiError => new ApiError(400, 'ResourceInUseException', message);
export const clientLimit = (message: string): ApiError => new ApiError(400, 'ClientLimitExceededException', message);
export const connectionLimit = (message: string): ApiError =>
  new ApiError(400, 'ConnectionLimitExceededException', message);
/** An IAM denial: the service answers 403 AccessDeniedException (not the 401s its model lists for other cases). */
export const accessDenied = (message: string): ApiError => new ApiError(403, 'AccessDeniedException', message);

export const newRequestId = (): string => randomUUID();

export function sendError(res: ServerResponse, requestId: string, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ Message: error.message });
  res.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': error.type,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, requestId: string, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}
