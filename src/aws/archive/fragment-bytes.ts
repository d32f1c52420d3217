import type { StreamRef } from '../client-factory';
import type { ChunkRecord } from '../../core/getmedia/record';
import { FRAGMENT_SIZE_LIMIT } from '../media-session/chunk-bytes';
import type { StitchedChunk } from '../media-session/chunk-stitcher';
import { formatHttpError } from '../media-session/http-error';
import { DEFAULT_BACKOFF } from '../backoff';
import { describeStream } from '../streams';
import type { ArchiveEndpoints } from './archive-endpoints';
import { FragmentListSession } from './fragment-list-session';

/** GetMediaForFragmentList answers a fragment it does not hold (unknown, or past the retention) with this error id. */
const FRAGMENT_NOT_FOUND = 3000;
/** A fetch that receives no byte for this long is given up (the archived-media client has no request timeout). */
const FETCH_IDLE_MS = 30_000;

/**
 * One fragment's chunk as GetMediaForFragmentList sends it, bytes and all (at most the service's 50 MB fragment
 * limit: the stitcher lets go of a bigger chunk's bytes). Fails with a message a user can act on: the call's HTTP
 * error, the in-band error chunk the service sent instead (3000: no longer retained), or no chunk at all.
 */
export async function fetchFragmentBytes(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  fragmentNumber: string,
  signal?: AbortSignal,
  idleMs = FETCH_IDLE_MS,
): Promise<Uint8Array> {
  const chunks: StitchedChunk[] = [];
  let httpFailure: string | null = null;
  const session = new FragmentListSession({
    endpoints,
    stream,
    numbers: [fragmentNumber],
    keepChunkBytes: true,
    listener: {
      chunks: (arrived) => chunks.push(...arrived),
      state: () => undefined,
      httpError: (e) => (httpFailure = formatHttpError(e)),
      log: () => undefined,
    },
  });
  const cancelled = (): Error => new Error(`Fetching fragment ${fragmentNumber} was cancelled.`);
  if (signal?.aborted) throw cancelled();
  const stop = (): void => void session.stop();
  signal?.addEventListener('abort', stop, { once: true });
  let idle = false;
  let seen = -1;
  let lastProgress = Date.now();
  const watchdog = setInterval(
    () => {
      const bytes = session.snapshot().bytes;
      if (bytes !== seen) {
        seen = bytes;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress >= idleMs) {
        idle = true;
        stop();
      }
    },
    Math.min(1000, idleMs / 4),
  );
  try {
    await session.run();
  } finally {
    clearInterval(watchdog);
    signal?.removeEventListener('abort', stop);
  }
  if (signal?.aborted) throw cancelled();
  if (idle)
    throw new Error(
      `GetMediaForFragmentList sent nothing for ${idleMs / 1000} s while fetching fragment ${fragmentNumber} (${session.snapshot().bytes.toLocaleString('en-US')} bytes before that); it was given up: try Fetch again.`,
    );
  if (httpFailure !== null)
    throw new Error(brokenOff(session.snapshot().bytes, chunks.length, fragmentNumber, httpFailure));
  const error = chunks.find((c) => c.record.errorId !== null)?.record;
  if (error) throw new Error(await inBandFailure(endpoints, stream, fragmentNumber, error));
  const chunk = chunks.find((c) => c.record.fragmentNumber === fragmentNumber);
  if (!chunk) {
    const got = chunks.length === 0 ? 'no chunk' : `${chunks.length} chunk(s), none with that fragment number`;
    throw new Error(`GetMediaForFragmentList returned ${got} for fragment ${fragmentNumber}.`);
  }
  return chunkBytes(chunk, fragmentNumber);
}

/** A call that failed after bytes came (the connection broke mid-chunk) says so; else the HTTP error as it is. */
function brokenOff(bytesRead: number, chunks: number, fragmentNumber: string, failure: string): string {
  if (bytesRead === 0 || chunks > 0) return failure;
  return `GetMediaForFragmentList broke off after ${bytesRead.toLocaleString('en-US')} bytes, before fragment ${fragmentNumber}'s chunk was whole (${failure}).`;
}

function chunkBytes({ record, pieces }: StitchedChunk, fragmentNumber: string): Uint8Array {
  const size = record.byteLength.toLocaleString('en-US');
  if (record.truncated)
    throw new Error(`GetMediaForFragmentList ended inside fragment ${fragmentNumber} (${size} bytes read).`);
  if (!pieces || record.byteLength > FRAGMENT_SIZE_LIMIT)
    throw new Error(
      `Fragment ${fragmentNumber} is ${size} bytes, past the service's ${FRAGMENT_SIZE_LIMIT / 1024 / 1024} MiB fragment limit: its bytes were not kept.`,
    );
  return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces);
}

async function inBandFailure(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  fragmentNumber: string,
  error: ChunkRecord,
): Promise<string> {
  const code = `in-band ${error.errorId}${error.errorCode ? `: ${error.errorCode}` : ''}`;
  if (error.errorId !== FRAGMENT_NOT_FOUND)
    return `GetMediaForFragmentList answered fragment ${fragmentNumber} with ${code}: ${error.errorMeaning ?? ''}`.trim();
  const hours = await retentionHours(endpoints, stream);
  if (hours === 0)
    return `Fragment ${fragmentNumber} cannot be fetched again (${code}): stream ${stream.streamName} retains no data (DataRetentionInHours is 0), so only GetMedia saw it.`;
  const kept =
    hours === null
      ? 'for its DataRetentionInHours'
      : `for ${hours} hour${hours === 1 ? '' : 's'} (DataRetentionInHours)`;
  return `Fragment ${fragmentNumber} is no longer retained (${code}): stream ${stream.streamName} keeps data ${kept}.`;
}

/** The stream's DataRetentionInHours, or null when DescribeStream cannot say (the message then stays general). */
async function retentionHours(endpoints: ArchiveEndpoints, stream: StreamRef): Promise<number | null> {
  try {
    const client = endpoints.factory.controlPlane(stream.target);
    const summary = await describeStream(client, stream.target, stream.streamName, { ...DEFAULT_BACKOFF, attempts: 1 });
    return summary.dataRetentionInHours ?? null;
  } catch {
    return null;
  }
}
