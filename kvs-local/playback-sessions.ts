import { randomBytes } from 'node:crypto';
import type { PlaybackApi } from '../src/core/archive/playback-requirements';
import { ApiError, invalidArgument, notFound } from './errors';
import { resolveStream } from './control-plane';
import type { StoredFragment } from './fragment';
import { noDataRetention, retainedFragments } from './archive-selectors';
import { onlyFields, optionalInteger, optionalObject, optionalString, type JsonObject } from './json-input';
import { checkPlayable, rangeFragments } from './playback-check';
import type { StreamStore } from './stream-store';

/**
 * GetHLSStreamingSessionURL and GetDASHStreamingSessionURL: validated as the service documents, answered with a
 * session URL whose playlist (HLS) or manifest (DASH) lists the fragments in range. Media segments are not served.
 */

type Protocol = 'HLS' | 'DASH';

interface PlaybackSession {
  protocol: Protocol;
  streamName: string;
  fragments: Array<{ number: string; durationMs: number }>;
  expiresAtMs: number;
}

const LIVE_WINDOW_MS = 30_000;
const MODES = ['LIVE', 'LIVE_REPLAY', 'ON_DEMAND'] as const;
type PlaybackMode = (typeof MODES)[number];

const API: Record<Protocol, PlaybackApi> = {
  HLS: 'GetHLSStreamingSessionURL',
  DASH: 'GetDASHStreamingSessionURL',
};

function oneOf<T extends string>(input: JsonObject, field: string, allowed: readonly T[], fallback: T): T {
  const value = optionalString(input, field) ?? fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw invalidArgument(`${field} must be one of ${allowed.join(', ')}, not '${value}'.`);
  return value as T;
}

export class PlaybackSessions {
  private readonly sessions = new Map<string, PlaybackSession>();

  constructor(
    private readonly store: StreamStore,
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  hls(input: JsonObject): JsonObject {
    onlyFields(input, [
      'StreamName',
      'StreamARN',
      'PlaybackMode',
      'HLSFragmentSelector',
      'ContainerFormat',
      'DiscontinuityMode',
      'DisplayFragmentTimestamp',
      'Expires',
      'MaxMediaPlaylistFragmentResults',
    ]);
    oneOf(input, 'ContainerFormat', ['FRAGMENTED_MP4', 'MPEG_TS'], 'FRAGMENTED_MP4');
    oneOf(input, 'DiscontinuityMode', ['ALWAYS', 'NEVER', 'ON_DISCONTINUITY'], 'ALWAYS');
    oneOf(input, 'DisplayFragmentTimestamp', ['ALWAYS', 'NEVER'], 'NEVER');
    const token = this.open('HLS', input, 'HLSFragmentSelector', 'MaxMediaPlaylistFragmentResults');
    return { HLSStreamingSessionURL: `${this.baseUrl()}/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=${token}` };
  }

  dash(input: JsonObject): JsonObject {
    onlyFields(input, [
      'StreamName',
      'StreamARN',
      'PlaybackMode',
      'DASHFragmentSelector',
      'DisplayFragmentTimestamp',
      'DisplayFragmentNumber',
      'Expires',
      'MaxManifestFragmentResults',
    ]);
    oneOf(input, 'DisplayFragmentTimestamp', ['ALWAYS', 'NEVER'], 'NEVER');
    oneOf(input, 'DisplayFragmentNumber', ['ALWAYS', 'NEVER'], 'NEVER');
    const token = this.open('DASH', input, 'DASHFragmentSelector', 'MaxManifestFragmentResults');
    return { DASHStreamingSessionURL: `${this.baseUrl()}/dash/v1/getDASHManifest.mpd?SessionToken=${token}` };
  }

  private open(protocol: Protocol, input: JsonObject, selectorField: string, maxField: string): string {
    const stream = resolveStream(this.store, input);
    const mode: PlaybackMode = oneOf(input, 'PlaybackMode', MODES, 'LIVE');
    const expires = optionalInteger(input, 'Expires', 300, 43200) ?? 300;
    const max = optionalInteger(input, maxField, 1, 5000) ?? (mode === 'ON_DEMAND' ? 1000 : 5);
    const selector = optionalObject(input, selectorField);
    const api = API[protocol];
    let fragments: StoredFragment[];
    if (mode === 'LIVE') {
      if (stream.dataRetentionInHours <= 0) throw noDataRetention(api, stream);
      const since = this.now() - LIVE_WINDOW_MS;
      fragments = retainedFragments(stream).filter((f) => f.serverTimestampMs >= since);
      if (fragments.length === 0)
        throw notFound(`No fragments were ingested into ${stream.name} in the last 30 seconds.`);
      fragments = fragments.slice(-max);
    } else {
      if (!selector) throw invalidArgument(`${selectorField} with a TimestampRange is required for ${mode}.`);
      fragments = rangeFragments(
        api,
        stream,
        selector,
        selectorField,
        { endRequired: mode === 'ON_DEMAND' },
        this.now(),
      );
      if (fragments.length === 0) throw notFound('No fragments found in the requested time range.');
      fragments = fragments.slice(0, max);
    }
    checkPlayable(api, fragments[0]);
    return this.remember({
      protocol,
      streamName: stream.name,
      fragments: fragments.map((f) => ({ number: f.number, durationMs: f.durationMs })),
      expiresAtMs: this.now() + expires * 1000,
    });
  }

  private remember(session: PlaybackSession): string {
    for (const [token, s] of this.sessions) if (s.expiresAtMs <= this.now()) this.sessions.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, session);
    return token;
  }

  /** GET of a session URL: the playlist or manifest text, or a 403 for an unknown or expired session. */
  serve(path: string, query: URLSearchParams): { contentType: string; body: string } {
    const token = query.get('SessionToken') ?? '';
    const session = this.sessions.get(token);
    if (!session || session.expiresAtMs <= this.now())
      throw new ApiError(403, 'NotAuthorizedException', 'The session token is not valid or has expired.');
    const media = (n: string): string => `getMP4MediaFragment.mp4?FragmentNumber=${n}&amp;SessionToken=${token}`;
    switch (path) {
      case '/hls/v1/getHLSMasterPlaylist.m3u8':
        return {
          contentType: 'application/vnd.apple.mpegurl',
          body: `#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:BANDWIDTH=2000000\ngetHLSMediaPlaylist.m3u8?SessionToken=${token}\n`,
        };
      case '/hls/v1/getHLSMediaPlaylist.m3u8':
        return { contentType: 'application/vnd.apple.mpegurl', body: mediaPlaylist(session, token) };
      case '/dash/v1/getDASHManifest.mpd':
        return { contentType: 'application/dash+xml', body: dashManifest(session, media) };
      default:
        throw notFound(`kvs-local serves the session's playlist and manifest, not ${path}.`);
    }
  }
}

function mediaPlaylist(session: PlaybackSession, token: string): string {
  const target = Math.max(1, ...session.fragments.map((f) => Math.ceil(f.durationMs / 1000)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-MAP:URI="getMP4InitFragment.mp4?SessionToken=${token}"`,
  ];
  for (const f of session.fragments)
    lines.push(
      `#EXTINF:${(f.durationMs / 1000).toFixed(3)},`,
      `getMP4MediaFragment.mp4?FragmentNumber=${f.number}&SessionToken=${token}`,
    );
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

function dashManifest(session: PlaybackSession, media: (n: string) => string): string {
  const totalMs = session.fragments.reduce((sum, f) => sum + f.durationMs, 0);
  const segments = session.fragments.map((f) => `        <SegmentURL media="${media(f.number)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT${(totalMs / 1000).toFixed(3)}S" profiles="urn:mpeg:dash:profile:isoff-live:2011" minBufferTime="PT2S">
  <Period id="0">
    <AdaptationSet contentType="video" mimeType="video/mp4">
      <Representation id="1" bandwidth="2000000">
      <SegmentList timescale="1000" duration="${session.fragments[0]?.durationMs ?? 0}">
${segments}
      </SegmentList>
      </Representation>
    </AdaptationSet>
  </Period>
</MPD>
`;
}
