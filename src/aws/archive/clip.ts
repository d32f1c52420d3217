import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { StreamRef } from '../client-factory';
import { streamParams, type ArchiveEndpoints } from './archive-endpoints';
import type { TimeRange } from './list-fragments';

/** GetClip streamed to a file with progress. The service's limits, stated to the user before and after. */

export const CLIP_LIMITS =
  'GetClip returns at most the first 200 fragments or 100 MB from the start of the range; the range may span at most 24 hours, and fragments that start before the range are left out.';

export async function saveClip(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  range: TimeRange,
  file: string,
  onProgress: (bytes: number) => void,
  signal: AbortSignal,
): Promise<{ bytes: number; contentType: string }> {
  const { GetClipCommand } = await import('@aws-sdk/client-kinesis-video-archived-media');
  const client = await endpoints.client(stream, 'GET_CLIP', signal);
  const out = await client.send(
    new GetClipCommand({
      ...streamParams(stream),
      ClipFragmentSelector: {
        FragmentSelectorType: range.type,
        TimestampRange: { StartTimestamp: new Date(range.startMs), EndTimestamp: new Date(range.endMs) },
      },
    }),
    { abortSignal: signal },
  );
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onProgress(bytes);
      done(null, chunk);
    },
  });
  await pipeline(out.Payload as Readable, count, createWriteStream(file), { signal });
  return { bytes, contentType: out.ContentType ?? 'video/mp4' };
}
