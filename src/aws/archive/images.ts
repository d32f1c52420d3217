import type { ThumbnailInfo } from '../../protocol';
import type { StreamRef } from '../client-factory';
import { streamParams, type ArchiveEndpoints } from './archive-endpoints';
import type { TimeRange } from './list-fragments';

/** GetImages for thumbnails: JPEG at a small size, page after page; each image or why there is none. */

/** base64 JPEG (as the service sends it), or null with the service's reason. */
export type Thumbnail = ThumbnailInfo;

/** The service's limits: 300 s per call, a sampling interval of at least 200 ms, at most 100 images a page. */
const IMAGES_MAX_SPAN_MS = 300_000;
const IMAGES_MIN_INTERVAL_MS = 200;
const IMAGES_PAGE = 100;

/** A sampling interval that gives about `count` images over the range, within the service's limits. */
export function samplingInterval(spanMs: number, count: number): number {
  return Math.max(IMAGES_MIN_INTERVAL_MS, Math.ceil(Math.max(spanMs, 1) / Math.max(count, 1)));
}

/** Splits a range into the 300-second windows GetImages takes, each starting on the sampling grid. */
export function imageWindows(range: TimeRange, intervalMs: number): TimeRange[] {
  const windows: TimeRange[] = [];
  const perWindow = Math.max(intervalMs, Math.floor(IMAGES_MAX_SPAN_MS / intervalMs) * intervalMs);
  for (let start = range.startMs; start <= range.endMs; start += perWindow)
    windows.push({ type: range.type, startMs: start, endMs: Math.min(range.endMs, start + perWindow - intervalMs) });
  return windows;
}

export async function* thumbnailPages(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  window: TimeRange,
  options: { intervalMs: number; width: number; height: number },
  signal: AbortSignal,
): AsyncGenerator<Thumbnail[]> {
  const { GetImagesCommand } = await import('@aws-sdk/client-kinesis-video-archived-media');
  const client = await endpoints.client(stream, 'GET_IMAGES', signal);
  let NextToken: string | undefined;
  do {
    const out = await client.send(
      new GetImagesCommand({
        ...streamParams(stream),
        ImageSelectorType: window.type,
        StartTimestamp: new Date(window.startMs),
        EndTimestamp: new Date(window.endMs),
        SamplingInterval: options.intervalMs,
        Format: 'JPEG',
        FormatConfig: { JPEGQuality: '70' },
        WidthPixels: options.width,
        HeightPixels: options.height,
        MaxResults: IMAGES_PAGE,
        NextToken,
      }),
      { abortSignal: signal },
    );
    yield (out.Images ?? []).map((image) => ({
      timeMs: image.TimeStamp?.getTime() ?? 0,
      jpegBase64: image.ImageContent ?? null,
      error:
        image.Error === 'NO_MEDIA' || image.Error === 'MEDIA_ERROR'
          ? image.Error
          : image.ImageContent
            ? null
            : 'MEDIA_ERROR',
    }));
    NextToken = out.NextToken;
  } while (NextToken && !signal.aborted);
}
