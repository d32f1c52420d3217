import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, newRequestId, sendError, sendJson } from './errors';
import { parseJsonBody, type JsonObject } from './json-input';
import { verifySignature } from './sigv4';

/** Every request: a request id, SigV4 verification, JSON parsing, one handler, errors in the AWS shape. */

/** Far above any JSON request of the API (GetMediaForFragmentList's 1,000 fragment numbers are about 50 KB). */
const MAX_JSON_BODY = 1024 * 1024;
/** What is read and dropped of an oversized body so the client can read the 413 before the socket closes. */
const MAX_DRAINED = 16 * MAX_JSON_BODY;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;

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
  /** Unsigned local admin calls: 127.0.0.1 only, and never from a web page (see adminRefusal). */
  | { kind: 'admin'; handle: (input: JsonObject, ctx: RequestContext) => JsonObject };

export interface RouterOptions {
  routes: ReadonlyMap<string, Route>;
  credentials: ReadonlyMap<string, string>;
  region: string;
  log: (line: string) => void;
  /** The listening port: admin calls must name this server in Host (and Origin, if any). */
  port: () => number;
  /** A JSON body must arrive whole within this (default 10 s): one that trickles is cut off. */
  bodyTimeoutMs?: number;
  /** True for a request on a connection past the server's connection cap. */
  overConnectionCap?: (req: IncomingMessage) => boolean;
}

/** An error after which the connection is closed (the rest of the request is not worth reading). */
class ClosingError extends ApiError {}

function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      req.removeAllListeners('data').resume();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ClosingError(408, 'RequestTimeoutException', `The request body did not arrive within ${timeoutMs} ms.`),
          ),
        ),
      timeoutMs,
    );
    const tooLarge = (): ApiError =>
      new ClosingError(413, 'RequestEntityTooLargeException', `The request body is larger than ${limit} bytes.`);
    req.on('data', (part: Buffer) => {
      total += part.length;
      if (total <= limit) parts.push(part);
      else {
        parts.length = 0;
        // Read on (and drop) so the answer is read before the socket closes; a body past MAX_DRAINED is cut.
        if (total > MAX_DRAINED) finish(() => reject(tooLarge()));
      }
    });
    req.on('end', () => finish(() => (total > limit ? reject(tooLarge()) : resolve(Buffer.concat(parts)))));
    req.on('error', (error) => finish(() => reject(error)));
  });
}

/** host:port of an http: Origin, else null ("null", https:, garbage). */
function originHostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

const localHosts = (port: number): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

/** Admin calls are unsigned: refuse any that a web page could make (a foreign Origin, or a rebinding Host). */
function adminRefusal(req: IncomingMessage, port: number): ApiError | null {
  const hosts = localHosts(port);
  const host = req.headers.host ?? '';
  if (!hosts.has(host.toLowerCase()))
    return new ApiError(
      403,
      'AccessDeniedException',
      `Admin calls must be sent to 127.0.0.1:${port}, not ${JSON.stringify(host.slice(0, 100))}.`,
    );
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  const originHost = originHostOf(origin);
  return originHost !== null && hosts.has(originHost)
    ? null
    : new ApiError(
        403,
        'AccessDeniedException',
        `Admin calls are refused from Origin ${JSON.stringify(origin.slice(0, 100))}.`,
      );
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
      if (error instanceof ClosingError && !res.headersSent) res.setHeader('Connection', 'close');
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
  if (options.overConnectionCap?.(req))
    throw new ClosingError(
      400,
      'ClientLimitExceededException',
      'kvs-local has too many open connections; try again later.',
    );
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const url = new URL(req.url ?? '/', 'http://kvs-local');
  const path = url.pathname;
  const found = options.routes.get(path);
  if (!found) {
    await readBody(req, MAX_JSON_BODY, bodyTimeoutMs).catch(() => undefined);
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
  if (found.kind === 'admin') {
    const refusal = adminRefusal(req, options.port());
    if (refusal) throw refusal;
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
  const body = await readBody(req, MAX_JSON_BODY, bodyTimeoutMs);
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
