import { SignatureV4 } from '@smithy/signature-v4';
import type { KvsLocalHandle } from '../../kvs-local/server';
import { NodeSha256 } from '../../kvs-local/sigv4';

/**
 * The headers of a POST to kvs-local at `path`, signed with the SDK's own SigV4 signer and kvs-local's first key pair
 * (or `secretAccessKey` in its place), `host` included.
 */
export async function signedHeaders(
  kvs: KvsLocalHandle,
  path: string,
  headers: Record<string, string>,
  options: { body?: string; secretAccessKey?: string } = {},
): Promise<Record<string, string>> {
  const url = new URL(kvs.url);
  const { accessKeyId, secretAccessKey } = kvs.credentials[0];
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: options.secretAccessKey ?? secretAccessKey },
    region: kvs.region,
    service: 'kinesisvideo',
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query: {},
    headers: { host: url.host, ...headers },
    body: options.body,
  });
  return { ...signed.headers };
}
