import { request } from 'node:http';
import type { KvsLocalHandle } from '../../kvs-local/server';
import { signedHeaders } from './sign-request';

/** A hand-written PutMedia producer (no JavaScript SDK client exists), signed with the SDK's SigV4 signer. */

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
  const headers = await signedHeaders(
    kvs,
    '/putMedia',
    {
      'x-amzn-stream-name': streamName,
      'x-amzn-fragment-timecode-type': options.timecodeType ?? 'RELATIVE',
      'x-amzn-producer-start-timestamp': ((options.producerStartMs ?? Date.now()) / 1000).toFixed(3),
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    },
    { secretAccessKey: options.secretAccessKey },
  );
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/putMedia',
        headers: { ...headers, 'transfer-encoding': 'chunked' },
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
