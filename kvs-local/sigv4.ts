import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { ApiError } from './errors';

/** SigV4 verification: the SDK's own signer recomputes the signature from what arrived, and we compare. */

const SIGNING_SERVICE = 'kinesisvideo';
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

/** node:crypto behind the Checksum interface the signer expects (the tests' requests are signed with it too). */
export class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh(): ReturnType<typeof createHash> | ReturnType<typeof createHmac> {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string'
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SignedRequest {
  method: string;
  /** The raw request target, path plus query string. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The full body, or undefined for a streaming body verified by its x-amz-content-sha256 header. */
  body: Uint8Array | undefined;
}

const forbidden = (type: string, message: string): ApiError => new ApiError(403, type, message);
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** Throws the ApiError AWS would answer; returns the access key id that signed the request. */
export async function verifySignature(
  request: SignedRequest,
  credentials: ReadonlyMap<string, string>,
  region: string,
): Promise<string> {
  const authorization = headerText(request.headers, 'authorization');
  if (!authorization) throw forbidden('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH_PATTERN.exec(authorization.trim());
  if (!m)
    throw forbidden(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization.split(' ')[0]}`,
    );
  const [, accessKeyId, shortDate, scopeRegion, scopeService, signedHeaderList, signature] = m;
  const secretAccessKey = credentials.get(accessKeyId);
  if (secretAccessKey === undefined)
    throw forbidden('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (scopeService !== SIGNING_SERVICE)
    throw forbidden(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${SIGNING_SERVICE}'. `,
    );
  if (scopeRegion !== region)
    throw forbidden('InvalidSignatureException', `Credential should be scoped to a valid region. `);
  const amzDate = headerText(request.headers, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !amzDate.startsWith(shortDate))
    throw forbidden('IncompleteSignatureException', "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
  if (Math.abs(Date.now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw forbidden(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${new Date(Date.now() - MAX_CLOCK_SKEW_MS).toISOString().replace(/[-:]|\.\d{3}/g, '')} (${new Date().toISOString().replace(/[-:]|\.\d{3}/g, '')} - 5 min.)`,
    );
  }

  const signedNames = signedHeaderList.split(';');
  if (!signedNames.includes('host')) throw forbidden('InvalidSignatureException', MISMATCH);
  const headers: Record<string, string> = {};
  for (const name of signedNames) headers[name] = headerText(request.headers, name) ?? '';
  const target = new URL(request.url, 'http://kvs-local');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(target.searchParams.keys())) {
    const values = target.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const claimedHash = headers['x-amz-content-sha256'];
  if (
    request.body !== undefined &&
    claimedHash !== undefined &&
    claimedHash !== UNSIGNED_PAYLOAD &&
    claimedHash !== createHash('sha256').update(request.body).digest('hex')
  ) {
    // The service hashes the body itself, so a body changed after signing is a plain signature mismatch.
    throw forbidden('InvalidSignatureException', MISMATCH);
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service: SIGNING_SERVICE,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  // A streaming body (PutMedia) is covered by its x-amz-content-sha256 header; without one, producers sign it unsigned or empty.
  const payloads: Array<Uint8Array | string | undefined> =
    request.body !== undefined || headers['x-amz-content-sha256'] !== undefined
      ? [request.body]
      : [UNSIGNED_PAYLOAD, undefined];
  for (const payload of payloads) {
    const candidate = { ...headers };
    const unsignable = new Set<string>();
    if (payload === UNSIGNED_PAYLOAD) {
      candidate['x-amz-content-sha256'] = UNSIGNED_PAYLOAD;
      unsignable.add('x-amz-content-sha256');
    }
    const recomputed = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: target.pathname,
        query,
        headers: candidate,
        body: payload === UNSIGNED_PAYLOAD ? undefined : payload,
      },
      {
        signingDate,
        signingRegion: region,
        signingService: SIGNING_SERVICE,
        signableHeaders: new Set(signedNames),
        unsignableHeaders: unsignable,
      },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization))?.[1] ?? '';
    if (expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
      return accessKeyId;
  }
  throw forbidden('InvalidSignatureException', MISMATCH);
}
