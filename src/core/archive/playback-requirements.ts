import type { TrackFact } from './track-facts';

/**
 * The service's "Video playback track requirements" for GetClip, GetHLSStreamingSessionURL and
 * GetDASHStreamingSessionURL, checked on the tracks of the first fragment in range. kvs-local raises what this
 * returns; the Fragments view uses it to say what the reader sees next to the service's answer.
 */

export type PlaybackApi = 'GetClip' | 'GetHLSStreamingSessionURL' | 'GetDASHStreamingSessionURL' | 'GetImages';

type PlaybackRefusal =
  'UnsupportedStreamMediaTypeException' | 'MissingCodecPrivateDataException' | 'InvalidCodecPrivateDataException';

export interface PlaybackProblem {
  type: PlaybackRefusal;
  message: string;
}

const H264 = 'V_MPEG4/ISO/AVC';
const H265 = 'V_MPEGH/ISO/HEVC';
const AAC = 'A_AAC';
const G711 = 'A_MS/ACM';
const VIDEO_CODECS: readonly string[] = [H264, H265];

/** Track 2 codecs each API accepts after a video track 1 (G.711 with H.265 is not in the tables). */
function audioAllowed(api: PlaybackApi, video: string, audio: string): boolean {
  if (audio === AAC) return true;
  return audio === G711 && video === H264 && api !== 'GetImages';
}

/** DASH alone also plays a stream whose only track is AAC audio. */
const audioOnlyAllowed = (api: PlaybackApi, tracks: readonly TrackFact[]): boolean =>
  api === 'GetDASHStreamingSessionURL' && tracks.length === 1 && tracks[0].codecId === AAC;

function codecPrivateProblem(track: TrackFact): PlaybackProblem | null {
  if (track.codecPrivateLength === 0)
    return {
      type: 'MissingCodecPrivateDataException',
      message: `No codec private data was found in track ${track.number} (${track.codecId ?? 'no codec id'}).`,
    };
  const isVideo = track.codecId !== null && VIDEO_CODECS.includes(track.codecId);
  // AVCDecoderConfigurationRecord / HEVCDecoderConfigurationRecord: configurationVersion is 1 (ISO/IEC 14496-15).
  if (isVideo && track.codecPrivateFirstByte !== 1)
    return {
      type: 'InvalidCodecPrivateDataException',
      message: `The codec private data in track ${track.number} is not in ${track.codecId === H264 ? 'AVCC' : 'HVCC'} form (it starts with 0x${(track.codecPrivateFirstByte ?? 0).toString(16).padStart(2, '0')}, not 0x01).`,
    };
  return null;
}

export function playbackProblem(api: PlaybackApi, tracks: readonly TrackFact[]): PlaybackProblem | null {
  const sorted = [...tracks].sort((a, b) => a.number - b.number);
  if (audioOnlyAllowed(api, sorted)) return codecPrivateProblem(sorted[0]);
  const [video, audio, ...extra] = sorted;
  const unsupported = (why: string): PlaybackProblem => ({
    type: 'UnsupportedStreamMediaTypeException',
    message: `The type of the media could not be determined from the codec IDs of the tracks: ${why}.`,
  });
  if (!video) return unsupported('the fragment has no tracks');
  if (video.codecId === null || !VIDEO_CODECS.includes(video.codecId))
    return unsupported(`track 1 is ${video.codecId ?? 'without a codec id'}, not ${H264} or ${H265}`);
  if (audio && (audio.codecId === null || !audioAllowed(api, video.codecId, audio.codecId)))
    return unsupported(`track 2 is ${audio.codecId ?? 'without a codec id'}, not an audio codec ${api} takes`);
  if (extra.length > 0) return unsupported(`${sorted.length} tracks; at most 2 (video, then audio) are supported`);
  return codecPrivateProblem(video) ?? (audio ? codecPrivateProblem(audio) : null);
}
