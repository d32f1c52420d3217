import type { StreamRef } from '../client-factory';
import type { HttpErrorInfo, SessionStateKind, SessionStats } from '../../protocol';
import { ChunkStitcher, type StitchedChunk } from '../media-session/chunk-stitcher';
import { readPieces } from '../media-session/payload-pieces';
import { describeHttpError } from '../media-session/http-error';
import { SessionMeter } from '../media-session/session-meter';
import { streamParams, type ArchiveEndpoints } from './archive-endpoints';

/** The service takes 1 to 1,000 fragment numbers per GetMediaForFragmentList call. */
const FRAGMENT_LIST_BATCH = 1000;

/** The numbers in calls of at most `size`, in the order given. */
export function fragmentBatches(numbers: readonly string[], size = FRAGMENT_LIST_BATCH): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < numbers.length; i += size) batches.push(numbers.slice(i, i + size));
  return batches;
}

interface FragmentListListener {
  chunks(chunks: readonly StitchedChunk[]): void;
  state(state: SessionStateKind, detail: string | null): void;
  httpError(error: HttpErrorInfo): void;
  log(line: string): void;
}

export interface FragmentListOptions {
  endpoints: ArchiveEndpoints;
  stream: StreamRef;
  numbers: readonly string[];
  listener: FragmentListListener;
  /** Hand each chunk's bytes over (a capture, the tracks of a fragment); else only records. */
  keepChunkBytes?: boolean;
}

/**
 * GetMediaForFragmentList over any number of fragments: one call per 1,000, one after the other, each body read
 * through the same reader as GetMedia (so every chunk, tag and in-band error shows as usual). stop() aborts.
 */
export class FragmentListSession {
  private readonly meter: SessionMeter;
  private readonly stitcher: ChunkStitcher;
  private readonly controller = new AbortController();
  private running: Promise<void> | null = null;

  constructor(private readonly options: FragmentListOptions) {
    this.stitcher = new ChunkStitcher();
    this.stitcher.keepBytes(options.keepChunkBytes ?? false);
    this.meter = new SessionMeter(3000, (state, detail) => options.listener.state(state, detail));
  }

  keepChunkBytes(on: boolean): void {
    this.stitcher.keepBytes(on);
  }

  snapshot(): SessionStats {
    return this.meter.snapshot(false);
  }

  run(): Promise<void> {
    this.running ??= this.loop(this.controller.signal);
    return this.running;
  }

  stop(): Promise<void> {
    this.controller.abort(new Error('stopped'));
    return this.running ?? Promise.resolve();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const { listener, numbers } = this.options;
    const batches = fragmentBatches(numbers);
    this.meter.setState('connecting', `${numbers.length} fragment(s) in ${batches.length} call(s)`);
    let operation = 'GetDataEndpoint';
    try {
      const { GetMediaForFragmentListCommand } = await import('@aws-sdk/client-kinesis-video-archived-media');
      const client = await this.options.endpoints.client(this.options.stream, 'GET_MEDIA_FOR_FRAGMENT_LIST', signal);
      operation = 'GetMediaForFragmentList';
      for (const [i, batch] of batches.entries()) {
        const out = await client.send(
          new GetMediaForFragmentListCommand({ ...streamParams(this.options.stream), Fragments: batch }),
          { abortSignal: signal },
        );
        listener.log(
          `GetMediaForFragmentList ${this.options.stream.streamName}: call ${i + 1} of ${batches.length}, ${batch.length} fragment(s), request ${out.$metadata.requestId ?? '-'}`,
        );
        await this.read(out.Payload as unknown as AsyncIterable<Uint8Array>, signal);
      }
      this.meter.setState('done', `${numbers.length} fragment(s) read`);
    } catch (error) {
      if (signal.aborted) {
        this.meter.setState('stopped', null);
        return;
      }
      const details = describeHttpError(operation, error);
      // No answer, or the endpoint's own failure: ask GetDataEndpoint again next time instead of the cached host.
      if (details.status === null || details.status >= 500)
        this.options.endpoints.invalidate(this.options.stream, 'GET_MEDIA_FOR_FRAGMENT_LIST');
      listener.httpError(details);
      this.meter.setState('failed', `${details.operation} failed: ${details.name}: ${details.message}`);
    } finally {
      this.meter.connectionClosed();
    }
  }

  private async read(payload: AsyncIterable<Uint8Array>, signal: AbortSignal): Promise<void> {
    this.stitcher.beginConnection();
    this.meter.connectionOpened();
    let complete = false;
    try {
      await readPieces(
        payload,
        (bytes) => {
          this.meter.bytesArrived(bytes.length);
          this.deliver(this.stitcher.push(bytes));
          return true;
        },
        signal,
      );
      complete = true;
    } finally {
      this.deliver(this.stitcher.endConnection(complete));
    }
  }

  private deliver(chunks: readonly StitchedChunk[]): void {
    if (chunks.length === 0) return;
    for (const { record } of chunks) this.meter.chunkArrived(record.millisBehindNow);
    this.options.listener.chunks(chunks);
  }
}
