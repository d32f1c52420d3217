import { describeHttpError } from '../media-session/http-error';

import type { RefusalInfo } from '../../protocol';

/** An archive call's failure, decoded: what the service said, what it means here, and what to do. */
export type Refusal = RefusalInfo;

const CATALOGUE: Record<string, { meaning: string; whatToDo: string }> = {
  NoDataRetentionException: {
    meaning: 'The stream keeps no data (DataRetentionInHours is 0), so nothing is archived to play, clip or image.',
    whatToDo: 'Set a retention period on the stream (UpdateDataRetention); only media put after that is archived.',
  },
  MissingCodecPrivateDataException: {
    meaning:
      'A track of the first fragment in range has no codec private data (CodecPrivate), so no player can be initialised.',
    whatToDo:
      "The producer must send CodecPrivate (SPS/PPS in AVCC form for H.264, HVCC for H.265) in the track header; see the producer SDK's NAL adaptation flags.",
  },
  InvalidCodecPrivateDataException: {
    meaning:
      'The codec private data is present but not in the form the playback APIs read (AVCC for H.264, HVCC for H.265).',
    whatToDo:
      'Have the producer convert Annex B start codes to AVCC (NAL adaptation flags) so CodecPrivate starts with configurationVersion 1.',
  },
  UnsupportedStreamMediaTypeException: {
    meaning:
      'The codec ids of the tracks are not ones these APIs play: track 1 must be V_MPEG4/ISO/AVC or V_MPEGH/ISO/HEVC, track 2 (optional) A_AAC or A_MS/ACM.',
    whatToDo: 'Use GetMedia or GetMediaForFragmentList (no track limits), or change what the producer encodes.',
  },
  ResourceNotFoundException: {
    meaning: 'No fragments in the requested range (or the stream does not exist; for LIVE, nothing in the last 30 s).',
    whatToDo: 'Pick a range that holds fragments (the timeline shows where they are), or check the stream name.',
  },
  InvalidArgumentException: {
    meaning:
      'A parameter is outside what the API accepts (for example a range over 24 hours, or an end in the future).',
    whatToDo: 'Read the message: it names the parameter. Narrow the range and try again.',
  },
  InvalidMediaFrameException: {
    meaning: "A frame in the requested media could not be parsed with the track's codec.",
    whatToDo: 'Inspect the fragments around it (Inspect) to find the damaged frame; a different range may play.',
  },
  ClientLimitExceededException: {
    meaning: 'The service throttled the call: too many calls for this stream or account.',
    whatToDo: 'Wait a moment and try again.',
  },
  NotAuthorizedException: {
    meaning: 'The caller may not make this call on this stream, or the session token expired.',
    whatToDo: 'Check the IAM policy of the profile (kinesisvideo:Get* on the stream).',
  },
  AccessDeniedException: {
    meaning: 'IAM denied the call.',
    whatToDo: 'Check the IAM policy of the profile for this action on this stream.',
  },
};

const GENERIC = {
  meaning: 'The call failed.',
  whatToDo: 'Read the message; check the profile, region and endpoint, then try again.',
};

export function decodeRefusal(operation: string, error: unknown): Refusal {
  const d = describeHttpError(operation, error);
  const advice = CATALOGUE[d.name] ?? GENERIC;
  return {
    operation,
    name: d.name,
    status: d.status,
    requestId: d.requestId,
    message: d.message,
    ...advice,
  };
}

/** Every error type the catalogue explains (the tests walk it). */
export const DECODED_REFUSALS = Object.keys(CATALOGUE);
