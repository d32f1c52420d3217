import { invalidArgument } from './errors';
import { fragmentChunk, hugeClusterChunk } from './chunk-writer';
import { resolveStream } from './control-plane';
import type { FaultRegistry } from './faults';
import type { StoredFragment } from './fragment';
import type { RequestContext } from './http-router';
import {
  onlyFields,
  optionalObject,
  optionalString,
  optionalTimestamp,
  requiredString,
  type JsonObject,
} from './json-input';
import type { StreamLimits } from './limits';
import { MediaResponse } from './media-response';
import type { StreamRecord, StreamStore } from './stream-store';

/** GetMedia: the six StartSelector types, the chunk stream, waiting for new fragments while the stream lives. */

export interface MediaContext {
  store: StreamStore;
  limits: StreamLimits;
  faults: FaultRegistry;
}

const SELECTOR_TYPES = [
  'FRAGMENT_NUMBER',
  'SERVER_TIMESTAMP',
  'PRODUCER_TIMESTAMP',
  'NOW',
  'EARLIEST',
  'CONTINUATION_TOKEN',
];
const FRAGMENT_NUMBER = { pattern: /[0-9]+/, min: 1, max: 128 };
const TOKEN = { pattern: /[a-zA-Z0-9_.-]+/, min: 1, max: 128 };

/** Where reading starts: an index into the stream's fragments, or a fragment the selector named but the stream lacks. */
type StartPosition = { index: number } | { missing: string };

/** The fragment that holds `startMs` (starts at or before it and lasts past it), else the first one after it. */
function firstContaining(
  fragments: readonly StoredFragment[],
  startMs: number,
  time: (f: StoredFragment) => number,
): number {
  let after = fragments.findIndex((f) => time(f) > startMs);
  if (after === -1) after = fragments.length;
  const before = fragments[after - 1];
  return before && time(before) + before.durationMs >= startMs ? after - 1 : after;
}

function startPosition(stream: StreamRecord, selectorInput: JsonObject | undefined): StartPosition {
  if (!selectorInput)
    throw invalidArgument(
      "1 validation error detected: Value null at 'startSelector' failed to satisfy constraint: Member must not be null",
    );
  onlyFields(
    selectorInput,
    ['StartSelectorType', 'AfterFragmentNumber', 'StartTimestamp', 'ContinuationToken'],
    'StartSelector',
  );
  const type = requiredString(selectorInput, 'StartSelectorType');
  const fragments = stream.fragments;
  switch (type) {
    case 'NOW':
      return { index: fragments.length };
    case 'EARLIEST':
      return { index: 0 };
    case 'FRAGMENT_NUMBER': {
      const number = optionalString(selectorInput, 'AfterFragmentNumber', FRAGMENT_NUMBER);
      if (number === undefined)
        throw invalidArgument('StartSelectorType FRAGMENT_NUMBER requires AfterFragmentNumber.');
      const i = fragments.findIndex((f) => f.number === number);
      return i === -1 ? { missing: number } : { index: i };
    }
    case 'CONTINUATION_TOKEN': {
      const token = optionalString(selectorInput, 'ContinuationToken', TOKEN);
      if (token === undefined)
        throw invalidArgument('StartSelectorType CONTINUATION_TOKEN requires ContinuationToken.');
      const i = fragments.findIndex((f) => f.number === token);
      return i === -1 ? { missing: token } : { index: i + 1 };
    }
    case 'SERVER_TIMESTAMP':
    case 'PRODUCER_TIMESTAMP': {
      const startMs = optionalTimestamp(selectorInput, 'StartTimestamp');
      if (startMs === undefined) throw invalidArgument(`StartSelectorType ${type} requires StartTimestamp.`);
      return {
        index: firstContaining(fragments, startMs, (f) =>
          type === 'SERVER_TIMESTAMP' ? f.serverTimestampMs : f.producerTimestampMs,
        ),
      };
    }
    default:
      throw invalidArgument(
        `1 validation error detected: Value '${type}' at 'startSelector.startSelectorType' failed to satisfy constraint: Member must satisfy enum value set: [${SELECTOR_TYPES.join(', ')}]`,
      );
  }
}

/** Resolves when the stream gets a fragment, is deleted, or the client goes away. */
function nextEvent(stream: StreamRecord, ctx: RequestContext): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.events.off('fragment', done);
      stream.events.off('deleted', done);
      ctx.res.off('close', done);
      resolve();
    };
    stream.events.on('fragment', done);
    stream.events.on('deleted', done);
    ctx.res.on('close', done);
  });
}

export async function getMedia(media: MediaContext, input: JsonObject, ctx: RequestContext): Promise<void> {
  onlyFields(input, ['StreamName', 'StreamARN', 'StartSelector']);
  const stream = resolveStream(media.store, input);
  const start = startPosition(stream, optionalObject(input, 'StartSelector'));
  const release = media.limits.admit(stream.arn, 'GetMedia');
  try {
    const out = new MediaResponse(ctx.res, ctx.requestId, media.faults.get(stream.name));
    out.start();
    if (await out.failedByKms()) return;
    if ('missing' in start) {
      await out.endWithError(4000, 'REQUESTED_FRAGMENT_NOT_FOUND');
      return;
    }
    let next = start.index;
    while (!out.closed) {
      if (await out.injectedErrorDue()) return;
      if (out.sessionOver) break;
      const hugeBytes = out.hugeClusterDue;
      if (hugeBytes !== null && next < stream.fragments.length) {
        await out.writeChunkPieces(hugeClusterChunk(stream.fragments[next++], hugeBytes));
        continue;
      }
      if (next < stream.fragments.length) {
        await out.writeChunk(fragmentChunk(stream.fragments[next++], Date.now()));
        continue;
      }
      if (media.store.get(stream.name) !== stream) break;
      await nextEvent(stream, ctx);
    }
    out.end();
  } finally {
    release();
  }
}
