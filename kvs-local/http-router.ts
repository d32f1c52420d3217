import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, newRequestId, sendError, sendJson } from './errors';
import { parseJsonBody, type JsonObject } from './json-input';
import { verifySignature } from './sigv4';

/** Every request: a request id, SigV4 verification, JSON parsing, one handler, errors in the AWS shape. */

const MAX_JSON_BODY = 1024 * 1024;

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  accessKeyId: string;
}

export type Route =
  /** A JSON call: the handler's return value is the response body. */
  | { kind: 'json'; handle: (input: JsonObject, ctx: RequestContext) => JsonObject }
  /** A JSON request whose handler writes the (streaming) response itself. */
  | { kind: 'json-stream'; handle: (input: JsonObject, ctx: RequestContext) => Promise<void> }
  /** The handler reads the streaming request body itself (PutMedia); the signature covers the headers only. */
  | { kind: 'raw-stream'; handle: (ctx: RequestContext) => Promise<void> }
  /** A GET of a session URL (HLS/DASH): the token in the query string is the credential, as with the service. */
  | { kind: 'get'; handle: (query: URLSearchParams, ctx: RequestContext) => { contentType: string; body: string } }
  /** Unsigned local admin calls (127.0.0.1 only, like everything here). */
  | { kind: 'admin'; handle: (input: JsonObject, ctx: RequestContext) => JsonObject };

export interface RouterOptions {
  routes: ReadonlyMap<string, Route>;
  credentials: ReadonlyMap<string, string>;
  region: string;
  log: (line: string) => void;
}

function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    req.on('data', (part: Buffer) => {
      total += part.length;
      if (total > limit) {
        reject(new ApiError(400, 'InvalidArgumentException', `The request body is larger than ${limit} bytes.`));
        req.destroy();
        return;
      }
      parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export function createRouter(options: RouterOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = newRequestId();
    void route(options, req, res, requestId).catch((error: unknown) => {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              'ServiceUnavailableException',
              `kvs-local failed: ${(error as Error).message ?? String(error)}`,
            );
      if (!(error instanceof ApiError))
        options.log(`kvs-local: ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
      sendError(res, requestId, apiError);
    });
  };
}

async function route(
  options: RouterOptions,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://kvs-local');
  const path = url.pathname;
  const found = options.routes.get(path);
  if (!found) {
    await readBody(req, MAX_JSON_BODY).catch(() => undefined);
    throw new ApiError(404, 'UnknownOperationException', `kvs-local does not serve ${req.method} ${path}.`);
  }
  if (found.kind === 'get') {
    if (req.method !== 'GET')
      throw new ApiError(405, 'UnknownOperationException', `${path} takes GET, not ${req.method}.`);
    const page = found.handle(url.searchParams, { req, res, requestId, accessKeyId: 'session' });
    res.writeHead(200, { 'Content-Type': page.contentType, 'x-amzn-RequestId': requestId });
    res.end(page.body);
    return;
  }
  if (req.method !== 'POST')
    throw new ApiError(405, 'UnknownOperationException', `${path} takes POST, not ${req.method}.`);
  if (found.kind === 'raw-stream') {
    const accessKeyId = await verifySignature(
      { method: 'POST', url: req.url ?? '/', headers: req.headers, body: undefined },
      options.credentials,
      options.region,
    );
    await found.handle({ req, res, requestId, accessKeyId });
    return;
  }
  const body = await readBody(req, MAX_JSON_BODY);
  const accessKeyId =
    found.kind === 'admin'
      ? 'admin'
      : await verifySignature(
          { method: 'POST', url: req.url ?? '/', headers: req.headers, body },
          options.credentials,
          options.region,
        );
  const input = parseJsonBody(body);
  const ctx: RequestContext = { req, res, requestId, accessKeyId };
  if (found.kind === 'json-stream') {
    await found.handle(input, ctx);
    return;
  }
  sendJson(res, requestId, found.handle(input, ctx));
}
