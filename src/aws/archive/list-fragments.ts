import type { Fragment } from '@aws-sdk/client-kinesis-video-archived-media';
import type { StreamRef } from '../client-factory';
import type { FragmentInfo, TimestampType } from '../../core/archive/timeline';
import { streamParams, type ArchiveEndpoints } from './archive-endpoints';

/** ListFragments for a time range, page after page (1,000 a page) until NextToken runs out or the signal aborts. */

export interface TimeRange {
  type: TimestampType;
  startMs: number;
  endMs: number;
}

const LIST_PAGE_SIZE = 1000;

/** A ListFragments entry as the timeline reads it. */
export const fragmentInfo = (f: Fragment): FragmentInfo => ({
  number: f.FragmentNumber ?? '',
  producerMs: f.ProducerTimestamp?.getTime() ?? 0,
  serverMs: f.ServerTimestamp?.getTime() ?? 0,
  durationMs: f.FragmentLengthInMilliseconds ?? 0,
  sizeBytes: f.FragmentSizeInBytes ?? 0,
});

export async function* listFragmentPages(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  range: TimeRange,
  signal: AbortSignal,
): AsyncGenerator<FragmentInfo[]> {
  const { ListFragmentsCommand } = await import('@aws-sdk/client-kinesis-video-archived-media');
  const client = await endpoints.client(stream, 'LIST_FRAGMENTS', signal);
  let NextToken: string | undefined;
  do {
    const out = await client.send(
      new ListFragmentsCommand({
        ...streamParams(stream),
        MaxResults: LIST_PAGE_SIZE,
        ...(NextToken
          ? { NextToken }
          : {
              FragmentSelector: {
                FragmentSelectorType: range.type,
                TimestampRange: { StartTimestamp: new Date(range.startMs), EndTimestamp: new Date(range.endMs) },
              },
            }),
      }),
      { abortSignal: signal },
    );
    yield (out.Fragments ?? []).map(fragmentInfo);
    NextToken = out.NextToken;
  } while (NextToken && !signal.aborted);
}
