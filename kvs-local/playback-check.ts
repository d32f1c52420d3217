import { playbackProblem, type PlaybackApi } from '../src/core/archive/playback-requirements';
import { ApiError } from './errors';
import type { StoredFragment } from './fragment';
import { fragmentsStartingIn, noDataRetention, readSelector, retainedFragments } from './archive-selectors';
import type { JsonObject } from './json-input';
import type { StreamRecord } from './stream-store';
import { tracksOf } from './tracks';

/** What GetClip, HLS and DASH check before serving: retention, the range, and the first fragment's tracks. */

const DAY_MS = 24 * 3_600_000;

/** Retention first (a stream without it has nothing to play), then the range, then the fragments starting in it. */
export function rangeFragments(
  api: PlaybackApi,
  stream: StreamRecord,
  selector: JsonObject,
  where: string,
  rule: { endRequired: boolean },
  nowMs = Date.now(),
): StoredFragment[] {
  if (stream.dataRetentionInHours <= 0) throw noDataRetention(api, stream);
  const range = readSelector(selector, where, { ...rule, maxSpanMs: DAY_MS });
  if (range.type === 'SERVER_TIMESTAMP' && range.endMs !== undefined && range.endMs > nowMs)
    throw new ApiError(400, 'InvalidArgumentException', 'With SERVER_TIMESTAMP, EndTimestamp must be in the past.');
  return fragmentsStartingIn(retainedFragments(stream), range);
}

/** The documented track requirements, on the tracks of the first fragment served. */
export function checkPlayable(api: PlaybackApi, first: StoredFragment): void {
  const problem = playbackProblem(api, tracksOf(first));
  if (problem) throw new ApiError(400, problem.type, problem.message);
}
