import { request } from 'node:http';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { KvsLocalHandle } from '../../kvs-local/server';

/** A hand-written PutMedia producer (no JavaScript SDK client exists), signed with the SDK's SigV4 signer. */

export class Sha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash =
      secret === undefined
        ? createHash('sha256')
        : createHmac(
            'sha256',
            typeof secret === 'string'
              ? secret
              : Buffer.from(
                  ArrayBuffer.isView(secret)
                    ? secret.buffer.slice(secret.byteOffset, secret.byteOffset + secret.byteLength)
                    : secret,
                ),
          );
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    throw new Error('not used');
  }
}

export interface Ack {
  EventType: string;
  FragmentTimecode?: number;
  FragmentNumber?: string;
  ErrorId?: number;
  ErrorCode?: string;
}

export interface PutResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  acks: Ack[];
  body: string;
}

export interface PutOptions {
  timecodeType?: 'ABSOLUTE' | 'RELATIVE';
  producerStartMs?: number;
  secretAccessKey?: string;
  /** Stop sending (destroy the request) after this many pieces, as a producer that crashes mid-upload. */
  abortAfterPieces?: number;
  pauseMs?: number;
}

export async function putMedia(
  kvs: KvsLocalHandle,
  streamName: string,
  pieces: readonly Uint8Array[],
  options: PutOptions = {},
): Promise<PutResult> {
  const url = new URL(kvs.url);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: kvs.credentials[0].accessKeyId,
      secretAccessKey: options.secretAccessKey ?? kvs.credentials[0].secretAccessKey,
    },
    region: kvs.region,
    service: 'kinesisvideo',
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/putMedia',
    query: {},
    headers: {
      host: url.host,
      'x-amzn-stream-name': streamName,
      'x-amzn-fragment-timecode-type': options.timecodeType ?? 'RELATIVE',
      'x-amzn-producer-start-timestamp': ((options.producerStartMs ?? Date.now()) / 1000).toFixed(3),
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/putMedia',
        headers: { ...signed.headers, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          body += text;
        });
        const done = (): void => {
          const acks =
            res.statusCode === 200
              ? body
                  .split('\n')
                  .filter((l) => l.trim())
                  .map((l) => JSON.parse(l) as Ack)
              : [];
          resolve({ status: res.statusCode ?? 0, headers: res.headers, acks, body });
        };
        res.on('end', done);
        res.on('error', done);
        res.on('aborted', done);
      },
    );
    req.on('error', (e) => {
      if (options.abortAfterPieces === undefined) reject(e);
    });
    void (async () => {
      for (const [i, piece] of pieces.entries()) {
        if (options.abortAfterPieces !== undefined && i >= options.abortAfterPieces) {
          await new Promise((r) => setTimeout(r, 200));
          req.destroy();
          return;
        }
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      req.end();
    })();
  });
}

export function slices(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}
