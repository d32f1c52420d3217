import type { Readable } from 'node:stream';
import { GetMediaCommand, type KinesisVideoMediaClient, type StartSelector } from '@aws-sdk/client-kinesis-video-media';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import type { ChunkRecord } from '../../src/core/getmedia/record';
import { readChunks, toReadChunk, type ReadChunk } from './read-chunks';

/** Test helpers around the real GetMedia client. */

export interface Received {
  bytes: Buffer;
  chunks: ReadChunk[];
  /** How the body ended: 'end' (server ended it), 'error' (connection dropped), 'enough' or 'timeout' (we stopped). */
  ending: 'end' | 'error' | 'enough' | 'timeout';
  contentType: string | undefined;
}

/** Reads a GetMedia body until `enough(chunks)` holds, the server ends it, or `timeoutMs` passes. */
export async function readBody(
  payload: Readable,
  contentType: string | undefined,
  enough: (chunks: ReadChunk[]) => boolean,
  timeoutMs: number,
): Promise<Received> {
  const parts: Buffer[] = [];
  let ending: Received['ending'] | null = null;
  await new Promise<void>((resolve) => {
    const finish = (how: Received['ending']): void => {
      if (ending !== null) return;
      clearTimeout(timer);
      ending = how;
      resolve();
    };
    const timer = setTimeout(() => {
      finish('timeout');
      payload.destroy();
    }, timeoutMs);
    // Incremental: each piece is read once, so large bodies stay linear.
    const reader = new ChunkReader();
    const records: ChunkRecord[] = [];
    payload.on('data', (part: Buffer) => {
      parts.push(part);
      records.push(...reader.push(new Uint8Array(part.buffer, part.byteOffset, part.length)));
      if (enough(records.map(toReadChunk))) {
        finish('enough');
        payload.destroy();
      }
    });
    payload.on('end', () => finish('end'));
    payload.on('error', () => finish('error'));
    payload.on('close', () => finish('error'));
  });
  const bytes = Buffer.concat(parts);
  return { bytes, chunks: readChunks(bytes).chunks, ending: ending ?? 'timeout', contentType };
}

export async function getMedia(
  client: KinesisVideoMediaClient,
  StreamName: string,
  StartSelector: StartSelector,
  enough: (chunks: ReadChunk[]) => boolean = () => false,
  timeoutMs = 5000,
): Promise<Received> {
  const out = await client.send(new GetMediaCommand({ StreamName, StartSelector }));
  return readBody(out.Payload as unknown as Readable, out.ContentType, enough, timeoutMs);
}
