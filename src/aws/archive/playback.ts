import type { StreamRef } from '../client-factory';
import { streamParams, type ArchiveEndpoints } from './archive-endpoints';
import type { TimeRange } from './list-fragments';
import type { PlaybackAnswerInfo } from '../../protocol';
import { decodeRefusal } from './refusals';

/** "Why won't it play?": each playback API asked for the range, and its answer kept (a URL with its expiry, or a refusal). */

export type PlaybackAnswer = PlaybackAnswerInfo;

const EXPIRES_S = 300;

const selector = (range: TimeRange) => ({
  FragmentSelectorType: range.type,
  TimestampRange: { StartTimestamp: new Date(range.startMs), EndTimestamp: new Date(range.endMs) },
});

async function attempt(
  api: string,
  call: () => Promise<{ url: string; detail: string }>,
  now: () => number,
): Promise<PlaybackAnswer> {
  try {
    const { url, detail } = await call();
    return { api, ok: true, url, detail, expiresAtMs: now() + EXPIRES_S * 1000 };
  } catch (error) {
    return { api, ok: false, refusal: decodeRefusal(api, error) };
  }
}

export async function askPlaybackApis(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  range: TimeRange,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<PlaybackAnswer[]> {
  const sdk = await import('@aws-sdk/client-kinesis-video-archived-media');
  const hls = attempt(
    'GetHLSStreamingSessionURL',
    async () => {
      const client = await endpoints.client(stream, 'GET_HLS_STREAMING_SESSION_URL', signal);
      const out = await client.send(
        new sdk.GetHLSStreamingSessionURLCommand({
          ...streamParams(stream),
          PlaybackMode: 'ON_DEMAND',
          HLSFragmentSelector: selector(range),
          Expires: EXPIRES_S,
        }),
        { abortSignal: signal },
      );
      return { url: out.HLSStreamingSessionURL ?? '', detail: 'ON_DEMAND, fragmented MP4' };
    },
    now,
  );
  const dash = attempt(
    'GetDASHStreamingSessionURL',
    async () => {
      const client = await endpoints.client(stream, 'GET_DASH_STREAMING_SESSION_URL', signal);
      const out = await client.send(
        new sdk.GetDASHStreamingSessionURLCommand({
          ...streamParams(stream),
          PlaybackMode: 'ON_DEMAND',
          DASHFragmentSelector: selector(range),
          Expires: EXPIRES_S,
        }),
        { abortSignal: signal },
      );
      return { url: out.DASHStreamingSessionURL ?? '', detail: 'ON_DEMAND' };
    },
    now,
  );
  const clip = attempt(
    'GetClip',
    async () => {
      const client = await endpoints.client(stream, 'GET_CLIP', signal);
      const out = await client.send(
        new sdk.GetClipCommand({ ...streamParams(stream), ClipFragmentSelector: selector(range) }),
        { abortSignal: signal },
      );
      // Only whether it would play matters here: drop the body unread.
      (out.Payload as { destroy?: () => void } | undefined)?.destroy?.();
      return { url: '', detail: `${out.ContentType ?? 'video/mp4'} clip available` };
    },
    now,
  );
  return Promise.all([hls, dash, clip]);
}
