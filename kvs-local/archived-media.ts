import { invalidArgument } from './errors';
import { errorChunk, fragmentChunk } from './chunk-writer';
import { resolveStream } from './control-plane';
import { fragmentSize, isFragmentNumber, type StoredFragment } from './fragment';
import type { MediaContext } from './getmedia';
import type { RequestContext } from './http-router';
import {
  onlyFields,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalTimestamp,
  requiredString,
  type JsonObject,
} from './json-input';
import { MediaResponse } from './media-response';

/** ListFragments and GetMediaForFragmentList (kinesis-video-archived-media). */

const DEFAULT_MAX = 1000;

function fragmentInfo(f: StoredFragment): JsonObject {
  return {
    FragmentNumber: f.number,
    FragmentSizeInBytes: fragmentSize(f),
    ProducerTimestamp: f.producerTimestampMs / 1000,
    ServerTimestamp: f.serverTimestampMs / 1000,
    FragmentLengthInMilliseconds: f.durationMs,
  };
}

function selectorFilter(input: JsonObject): (f: StoredFragment) => boolean {
  const selector = optionalObject(input, 'FragmentSelector');
  if (!selector) return () => true;
  onlyFields(selector, ['FragmentSelectorType', 'TimestampRange'], 'FragmentSelector');
  const type = requiredString(selector, 'FragmentSelectorType');
  if (type !== 'PRODUCER_TIMESTAMP' && type !== 'SERVER_TIMESTAMP') {
    throw invalidArgument(`FragmentSelectorType must be PRODUCER_TIMESTAMP or SERVER_TIMESTAMP, not '${type}'.`);
  }
  const range = optionalObject(selector, 'TimestampRange');
  if (!range) throw invalidArgument('FragmentSelector requires TimestampRange.');
  onlyFields(range, ['StartTimestamp', 'EndTimestamp'], 'TimestampRange');
  const start = optionalTimestamp(range, 'StartTimestamp');
  const end = optionalTimestamp(range, 'EndTimestamp');
  if (start === undefined || end === undefined)
    throw invalidArgument('TimestampRange requires StartTimestamp and EndTimestamp.');
  if (end < start) throw invalidArgument('EndTimestamp must not be earlier than StartTimestamp.');
  return (f) => {
    const t = type === 'SERVER_TIMESTAMP' ? f.serverTimestampMs : f.producerTimestampMs;
    return t >= start && t <= end;
  };
}

export function listFragments(media: MediaContext, input: JsonObject): JsonObject {
  onlyFields(input, ['StreamName', 'StreamARN', 'MaxResults', 'NextToken', 'FragmentSelector']);
  const stream = resolveStream(media.store, input);
  const max = optionalInteger(input, 'MaxResults', 1, 1000) ?? DEFAULT_MAX;
  const token = optionalString(input, 'NextToken', { min: 1, max: 4096 });
  const keep = selectorFilter(input);
  let from = 0;
  if (token !== undefined) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const m = /^kvs-local:(\d+)$/.exec(decoded);
    if (!m) throw invalidArgument(`NextToken '${token}' is not a token this service issued.`);
    from = Number(m[1]);
  }
  const matching = stream.fragments.filter(keep);
  const page = matching.slice(from, from + max);
  const out: JsonObject = { Fragments: page.map(fragmentInfo) };
  if (from + max < matching.length) out.NextToken = Buffer.from(`kvs-local:${from + max}`).toString('base64');
  return out;
}

export async function getMediaForFragmentList(
  media: MediaContext,
  input: JsonObject,
  ctx: RequestContext,
): Promise<void> {
  onlyFields(input, ['StreamName', 'StreamARN', 'Fragments']);
  const stream = resolveStream(media.store, input);
  const list = input.Fragments;
  if (!Array.isArray(list) || list.length < 1 || list.length > 1000)
    throw invalidArgument('Fragments must list 1 to 1000 fragment numbers.');
  const numbers = list.map((n: unknown) => {
    if (typeof n !== 'string' || !isFragmentNumber(n))
      throw invalidArgument(`'${String(n)}' is not a fragment number.`);
    return n;
  });
  const byNumber = new Map(stream.fragments.map((f) => [f.number, f]));
  const out = new MediaResponse(ctx.res, ctx.requestId, media.faults.get(stream.name));
  out.start();
  if (await out.failedByKms()) return;
  for (const number of numbers) {
    if (out.closed) return;
    if (await out.injectedErrorDue()) return;
    const fragment = byNumber.get(number);
    if (fragment) await out.writeChunk(fragmentChunk(fragment, Date.now()));
    else await out.writeChunk(errorChunk(3000, 'FRAGMENT_NOT_FOUND'));
  }
  out.end();
}
