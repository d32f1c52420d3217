import { Id } from '../src/core/ebml/ids';
import { concat, ebmlHeader, tagsElement, unknownSizeHeader } from '../src/core/ebml/writer';
import { timestampText, type StoredFragment } from './fragment';

/** The GetMedia chunk shape, as the real captures show it. */

const HEADER = concat([ebmlHeader('matroska'), unknownSizeHeader(Id.Segment)]);

export function fragmentChunk(fragment: StoredFragment, nowMs: number): Uint8Array {
  return concat([
    HEADER,
    fragment.head,
    tagsElement([
      ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', fragment.number],
      ['AWS_KINESISVIDEO_SERVER_TIMESTAMP', timestampText(fragment.serverTimestampMs)],
      ['AWS_KINESISVIDEO_PRODUCER_TIMESTAMP', timestampText(fragment.producerTimestampMs)],
    ]),
    fragment.cluster,
    fragment.tail,
    tagsElement([
      ['AWS_KINESISVIDEO_MILLIS_BEHIND_NOW', String(Math.max(0, Math.round(nowMs - fragment.serverTimestampMs)))],
      ['AWS_KINESISVIDEO_CONTINUATION_TOKEN', fragment.number],
    ]),
  ]);
}

/** In-band error codes the service documents for GetMedia / GetMediaForFragmentList. */
const ERROR_CODES: Readonly<Record<number, string>> = {
  3000: 'FRAGMENT_NOT_FOUND',
  3002: 'STREAM_WRITE_ERROR',
  4000: 'REQUESTED_FRAGMENT_NOT_FOUND',
  4500: 'KMS_ACCESS_DENIED',
  4501: 'KMS_KEY_DISABLED',
  4502: 'KMS_VALIDATION_ERROR',
  4503: 'KMS_KEY_UNAVAILABLE',
  4504: 'KMS_INVALID_USAGE',
  4505: 'KMS_INVALID_STATE',
  4506: 'KMS_KEY_NOT_FOUND',
  5000: 'INTERNAL_ERROR',
};

export function errorChunk(errorId: number, errorCode = ERROR_CODES[errorId] ?? 'UNKNOWN_ERROR'): Uint8Array {
  return concat([
    HEADER,
    tagsElement([
      ['AWS_KINESISVIDEO_ERROR_CODE', errorCode],
      ['AWS_KINESISVIDEO_ERROR_ID', String(errorId)],
    ]),
  ]);
}
