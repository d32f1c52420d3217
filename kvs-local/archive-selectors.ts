import { ApiError, invalidArgument } from './errors';
import type { StoredFragment } from './fragment';
import { onlyFields, optionalObject, optionalTimestamp, requiredString, type JsonObject } from './json-input';
import type { StreamRecord } from './stream-store';

/** What the archived-media calls share: retention, timestamp selectors and ranges. */

export type SelectorType = 'PRODUCER_TIMESTAMP' | 'SERVER_TIMESTAMP';

export interface TimestampRange {
  type: SelectorType;
  startMs: number;
  /** Undefined only where the API allows an open end (LIVE_REPLAY). */
  endMs: number | undefined;
}

const HOUR_MS = 3_600_000;

export const noDataRetention = (operation: string, stream: StreamRecord): ApiError =>
  new ApiError(
    400,
    'NoDataRetentionException',
    `${operation} was requested for stream ${stream.name}, which does not retain data (DataRetentionInHours is 0).`,
  );

/**
 * The fragments the archive APIs see: none at retention 0 (nothing is archived), else all of them. Fragments do not
 * expire by age here: a capture seeded with its own 2018 timestamps stays listable, to compare with the original.
 */
export function retainedFragments(stream: StreamRecord): StoredFragment[] {
  return stream.dataRetentionInHours <= 0 ? [] : stream.fragments;
}

export const fragmentTime = (f: StoredFragment, type: SelectorType): number =>
  type === 'SERVER_TIMESTAMP' ? f.serverTimestampMs : f.producerTimestampMs;

export function selectorType(value: string, field = 'FragmentSelectorType'): SelectorType {
  if (value !== 'PRODUCER_TIMESTAMP' && value !== 'SERVER_TIMESTAMP')
    throw invalidArgument(`${field} must be PRODUCER_TIMESTAMP or SERVER_TIMESTAMP, not '${value}'.`);
  return value;
}

/** `{FragmentSelectorType, TimestampRange: {StartTimestamp, EndTimestamp}}` as ListFragments, GetClip, HLS and DASH take it. */
export function readSelector(
  selector: JsonObject,
  where: string,
  rule: { endRequired: boolean; maxSpanMs?: number },
): TimestampRange {
  onlyFields(selector, ['FragmentSelectorType', 'TimestampRange'], where);
  const type = selectorType(requiredString(selector, 'FragmentSelectorType'));
  const range = optionalObject(selector, 'TimestampRange');
  if (!range) throw invalidArgument(`${where} requires TimestampRange.`);
  onlyFields(range, ['StartTimestamp', 'EndTimestamp'], 'TimestampRange');
  const startMs = optionalTimestamp(range, 'StartTimestamp');
  const endMs = optionalTimestamp(range, 'EndTimestamp');
  if (startMs === undefined) throw invalidArgument('TimestampRange requires StartTimestamp.');
  if (endMs === undefined && rule.endRequired) throw invalidArgument('TimestampRange requires EndTimestamp.');
  if (endMs !== undefined && endMs < startMs)
    throw invalidArgument('EndTimestamp must not be earlier than StartTimestamp.');
  if (endMs !== undefined && rule.maxSpanMs !== undefined && endMs - startMs > rule.maxSpanMs)
    throw invalidArgument(
      `The timestamp range is ${((endMs - startMs) / HOUR_MS).toFixed(2)} hours; it must be within ${rule.maxSpanMs / HOUR_MS} hours of StartTimestamp.`,
    );
  return { type, startMs, endMs };
}

/** Fragments that start inside the range (both ends inclusive), in ingest order. */
export function fragmentsStartingIn(fragments: readonly StoredFragment[], range: TimestampRange): StoredFragment[] {
  const end = range.endMs ?? Infinity;
  return fragments.filter((f) => {
    const t = fragmentTime(f, range.type);
    return t >= range.startMs && t <= end;
  });
}

/** An opaque page token: base64 of a tag and numbers, rejected unless this service issued it for this call. */
export function encodeToken(tag: string, ...values: number[]): string {
  return Buffer.from(`kvs-local:${tag}:${values.join(':')}`).toString('base64');
}

export function decodeToken(token: string, tag: string, count: number): number[] {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const parts = text.split(':');
  const values = parts.slice(2).map(Number);
  if (parts[0] !== 'kvs-local' || parts[1] !== tag || values.length !== count || !values.every(Number.isSafeInteger))
    throw invalidArgument(`NextToken '${token}' is not a token this service issued for this call.`);
  return values;
}
