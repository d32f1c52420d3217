import { invalidArgument } from './errors';
import { decodeToken, encodeToken, fragmentsStartingIn, readSelector, retainedFragments } from './archive-selectors';
import { errorChunk, fragmentChunk, hugeClusterChunk } from './chunk-writer';
import { resolveStream } from './control-plane';
import { fragmentSize, isFragmentNumber, type StoredFragment } from './fragment';
import type { MediaContext } from './getmedia';
import type { RequestContext } from './http-router';
import { onlyFields, optionalInteger, optionalObject, optionalString, type JsonObject } from './json-input';
import { MediaResponse } from './media-response';

/** ListFragments and GetMediaForFragmentList (kinesis-video-archived-media), over the retained fragments. */

const DEFAULT_MAX = 1000;
/** The page order's step through the matching fragments: a prime, so every fragment comes exactly once. */
const SHUFFLE_STEP = 7919;

function fragmentInfo(f: StoredFragment): JsonObject {
  return {
    FragmentNumber: f.number,
    FragmentSizeInBytes: fragmentSize(f),
    ProducerTimestamp: f.producerTimestampMs / 1000,
    ServerTimestamp: f.serverTimestampMs / 1000,
    FragmentLengthInMilliseconds: f.durationMs,
  };
}

function selectorFilter(input: JsonObject): (fragments: StoredFragment[]) => StoredFragment[] {
  const selector = optionalObject(input, 'FragmentSelector');
  if (!selector) return (all) => all;
  const range = readSelector(selector, 'FragmentSelector', { endRequired: true });
  return (all) => fragmentsStartingIn(all, range);
}

/** The i-th fragment of a page walk over n fragments: a fixed shuffle, as the service promises no order. */
function shuffledIndex(i: number, n: number): number {
  const step = n % SHUFFLE_STEP === 0 ? 1 : SHUFFLE_STEP;
  return (i * step) % n;
}

export function listFragments(media: MediaContext, input: JsonObject): JsonObject {
  onlyFields(input, ['StreamName', 'StreamARN', 'MaxResults', 'NextToken', 'FragmentSelector']);
  const stream = resolveStream(media.store, input);
  const max = optionalInteger(input, 'MaxResults', 1, 1000) ?? DEFAULT_MAX;
  const token = optionalString(input, 'NextToken', { min: 1, max: 4096 });
  const matching = selectorFilter(input)(retainedFragments(stream));
  // A token pins the walk's length, so fragments arriving between pages do not reshuffle the pages still to come.
  const [from, total] = token === undefined ? [0, matching.length] : decodeToken(token, 'list', 2);
  const n = Math.min(total, matching.length);
  const page: StoredFragment[] = [];
  for (let i = from; i < Math.min(from + max, n); i++) page.push(matching[shuffledIndex(i, n)]);
  const out: JsonObject = { Fragments: page.map(fragmentInfo) };
  if (from + max < n) out.NextToken = encodeToken('list', from + max, n);
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
  const byNumber = new Map(retainedFragments(stream).map((f) => [f.number, f]));
  const out = new MediaResponse(ctx.res, ctx.requestId, media.faults.get(stream.name));
  out.start();
  if (await out.failedByKms()) return;
  for (const number of numbers) {
    if (out.closed) return;
    if (await out.injectedErrorDue()) return;
    const fragment = byNumber.get(number);
    const hugeBytes = out.hugeClusterDue;
    if (fragment && hugeBytes !== null) await out.writeChunkPieces(hugeClusterChunk(fragment, hugeBytes));
    else if (fragment) await out.writeChunk(fragmentChunk(fragment, Date.now()));
    else await out.writeChunk(errorChunk(3000, 'FRAGMENT_NOT_FOUND'));
  }
  out.end();
}
