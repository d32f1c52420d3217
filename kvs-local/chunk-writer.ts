import { Id } from '../src/core/ebml/ids';
import {
  concat,
  ebmlHeader,
  encodeId,
  encodeSize,
  tagsElement,
  uintElement,
  unknownSizeHeader,
} from '../src/core/ebml/writer';
import { timestampText, type StoredFragment } from './fragment';

/** The GetMedia chunk shape, as the real captures show it. */

const HEADER = concat([ebmlHeader('matroska'), unknownSizeHeader(Id.Segment)]);

const leadingTags = (fragment: StoredFragment): Uint8Array =>
  tagsElement([
    ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', fragment.number],
    ['AWS_KINESISVIDEO_SERVER_TIMESTAMP', timestampText(fragment.serverTimestampMs)],
    ['AWS_KINESISVIDEO_PRODUCER_TIMESTAMP', timestampText(fragment.producerTimestampMs)],
  ]);

const trailingTags = (fragment: StoredFragment, nowMs: number): Uint8Array =>
  tagsElement([
    ['AWS_KINESISVIDEO_MILLIS_BEHIND_NOW', String(Math.max(0, Math.round(nowMs - fragment.serverTimestampMs)))],
    ['AWS_KINESISVIDEO_CONTINUATION_TOKEN', fragment.number],
  ]);

export function fragmentChunk(fragment: StoredFragment, nowMs: number): Uint8Array {
  return concat([
    HEADER,
    fragment.head,
    leadingTags(fragment),
    fragment.cluster,
    fragment.tail,
    trailingTags(fragment, nowMs),
  ]);
}

/**
 * A fragment as GetMediaForFragmentList sends it: its API page lists the fragment number and the two timestamps as
 * the tags it adds, so no MILLIS_BEHIND_NOW or continuation token follows the Cluster. The timestamps keep
 * GetMedia's names (the page spells them *_SIDE_TIMESTAMP; the reader takes both spellings).
 */
export function fragmentListChunk(fragment: StoredFragment): Uint8Array {
  return concat([HEADER, fragment.head, leadingTags(fragment), fragment.cluster, fragment.tail]);
}

/** GetMediaForFragmentList's error chunk for a fragment it cannot serve, with the tags its API page names. */
export function fragmentListErrorChunk(fragmentNumber: string): Uint8Array {
  return concat([
    HEADER,
    tagsElement([
      ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', fragmentNumber],
      ['AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE', '3000'],
      ['AWS_KINESISVIDEO_EXCEPTION_MESSAGE', 'Requested fragment was not found'],
    ]),
  ]);
}

const HUGE_BLOCK_BYTES = 64 * 1024;

/**
 * A `huge` fault's chunk in pieces: the fragment's header and tags, then, instead of its Cluster, one of unknown
 * size whose 64 KiB key-frame SimpleBlocks (track 1, all zero) add up to `clusterBytes`, then its closing tags.
 * The blocks are one buffer sent again and again, so a Cluster of any size costs the server no memory.
 */
export function* hugeClusterChunk(
  fragment: StoredFragment,
  clusterBytes: number,
  trailing = true,
): Generator<Uint8Array> {
  yield concat([
    HEADER,
    fragment.head,
    leadingTags(fragment),
    unknownSizeHeader(Id.Cluster),
    uintElement(Id.Timecode, 0),
  ]);
  const block = (size: number): Uint8Array => {
    const head = concat([encodeId(Id.SimpleBlock), encodeSize(size)]);
    const out = new Uint8Array(head.length + size);
    out.set(head, 0);
    out.set([0x81, 0x00, 0x00, 0x80], head.length);
    return out;
  };
  const full = block(HUGE_BLOCK_BYTES - 12);
  let left = clusterBytes;
  while (left >= full.length) {
    yield full;
    left -= full.length;
  }
  if (left >= 16) yield block(left - 12);
  yield trailing ? concat([fragment.tail, trailingTags(fragment, Date.now())]) : fragment.tail;
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
