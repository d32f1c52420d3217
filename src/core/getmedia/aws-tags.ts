import { Anomaly } from './anomalies';
import type { ChunkDraft } from './chunk-draft';
import type { TagEntry } from './record';
import { AwsTag } from './tag-names';
import { parseIntegerText, parseSecondsToMs } from './timestamp';

/**
 * Copies an AWS_KINESISVIDEO_* tag into the record fields (a later tag of the same name wins, as in
 * the merged capture). Returns true for the tags that close a chunk: the trailing and the error ones.
 */
export function applyAwsTag(draft: ChunkDraft, tag: TagEntry): boolean {
  if (tag.binary) return false;
  const text = tag.value;
  switch (tag.name) {
    case AwsTag.FragmentNumber:
      draft.fragmentNumber = text;
      return false;
    case AwsTag.ServerTimestamp:
    case AwsTag.ServerSideTimestamp:
      draft.serverTimestampText = text;
      draft.serverTimestamp = parseSecondsToMs(text);
      if (draft.serverTimestamp === null) draft.note(Anomaly.badTimestamp(tag.name, text));
      return false;
    case AwsTag.ProducerTimestamp:
    case AwsTag.ProducerSideTimestamp:
      draft.producerTimestampText = text;
      draft.producerTimestamp = parseSecondsToMs(text);
      if (draft.producerTimestamp === null) draft.note(Anomaly.badTimestamp(tag.name, text));
      return false;
    case AwsTag.MillisBehindNow:
      draft.millisBehindNow = parseIntegerText(text);
      if (draft.millisBehindNow === null) draft.note(Anomaly.badInteger(tag.name, text));
      return true;
    case AwsTag.ContinuationToken:
      draft.continuationToken = text;
      return true;
    case AwsTag.ErrorCode:
      draft.errorCode = text;
      return true;
    case AwsTag.ExceptionMessage:
      // The service's own words for the error: shown where GetMedia's ERROR_CODE name would be, unless one came.
      draft.errorCode ??= text;
      return true;
    case AwsTag.ErrorId:
    case AwsTag.ExceptionErrorCode:
      draft.errorId = parseIntegerText(text);
      if (draft.errorId === null) draft.note(Anomaly.badInteger(tag.name, text));
      return true;
    default:
      return false;
  }
}
