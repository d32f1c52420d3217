import type { IncomingMessage } from 'node:http';
import { invalidArgument, notFound } from './errors';
import { compareFragmentNumbers, type StoredFragment } from './fragment';
import { FragmentBuilder, unitsToMs, type FragmentDraft } from './fragment-builder';
import type { RequestContext } from './http-router';
import { STREAM_ARN, STREAM_NAME } from './json-input';
import type { StreamLimits } from './limits';
import { MkvSplitter } from './mkv-splitter';
import { ABSOLUTE_TIMECODE_MS } from './seed';
import type { StreamRecord, StreamStore } from './stream-store';

/** PutMedia: chunked MKV in, one fragment per cluster, newline-separated JSON acks out. */

export interface PutMediaContext {
  store: StreamStore;
  limits: StreamLimits;
  /** IDLE acks while no data arrives, and the session ends after `idleCloseMs` without data. */
  idleAckMs: number;
  idleCloseMs: number;
}

type AckEvent = 'BUFFERING' | 'RECEIVED' | 'PERSISTED' | 'ERROR' | 'IDLE';

/** PutMedia's documented ERROR ack ids. */
const PUT_ERRORS = {
  STREAM_READ_ERROR: 4000,
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS: 4004,
  INVALID_MKV_DATA: 4006,
  INVALID_PRODUCER_TIMESTAMP: 4007,
  STREAM_NOT_ACTIVE: 4008,
} as const;

/** One session per stream: the newest connection wins, as the service does. */
const sessions = new WeakMap<StreamRecord, () => void>();

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function resolvePutStream(store: StreamStore, req: IncomingMessage): StreamRecord {
  const name = header(req, 'x-amzn-stream-name');
  const arn = header(req, 'x-amzn-stream-arn');
  if (name === undefined && arn === undefined)
    throw invalidArgument('Either the x-amzn-stream-name or the x-amzn-stream-arn header must be specified.');
  if (name !== undefined && !new RegExp(`^${STREAM_NAME.pattern.source}$`).test(name))
    throw invalidArgument(`x-amzn-stream-name '${name}' does not match ${STREAM_NAME.pattern.source}.`);
  if (arn !== undefined && !new RegExp(`^${STREAM_ARN.pattern.source}$`).test(arn))
    throw invalidArgument(`x-amzn-stream-arn '${arn}' is not a stream ARN.`);
  const stream = name !== undefined ? store.get(name) : store.byArn(arn ?? '');
  if (!stream || (arn !== undefined && stream.arn !== arn))
    throw notFound(`The requested stream ${name ?? arn} was not found or not active.`);
  return stream;
}

interface TimecodeRule {
  absolute: boolean;
  producerStartMs: number;
}

function timecodeRule(req: IncomingMessage): TimecodeRule {
  const type = header(req, 'x-amzn-fragment-timecode-type') ?? 'ABSOLUTE';
  if (type !== 'ABSOLUTE' && type !== 'RELATIVE')
    throw invalidArgument(`x-amzn-fragment-timecode-type must be ABSOLUTE or RELATIVE, not '${type}'.`);
  const start = header(req, 'x-amzn-producer-start-timestamp');
  const startSeconds = start === undefined ? NaN : Number(start);
  if (start !== undefined && !Number.isFinite(startSeconds))
    throw invalidArgument(`x-amzn-producer-start-timestamp '${start}' is not epoch seconds.`);
  if (type === 'RELATIVE' && start === undefined)
    throw invalidArgument('RELATIVE fragment timecodes need x-amzn-producer-start-timestamp.');
  return {
    absolute: type === 'ABSOLUTE',
    producerStartMs: Number.isFinite(startSeconds) ? Math.round(startSeconds * 1000) : 0,
  };
}

export async function putMedia(ctx: PutMediaContext, request: RequestContext): Promise<void> {
  const { req, res } = request;
  const stream = resolvePutStream(ctx.store, req);
  const rule = timecodeRule(req);
  const release = ctx.limits.admit(stream.arn, 'PutMedia');
  sessions.get(stream)?.();

  res.writeHead(200, { 'Content-Type': 'application/json', 'x-amzn-RequestId': request.requestId });
  res.flushHeaders();
  const ack = (
    event: AckEvent,
    fields: { FragmentTimecode?: number; FragmentNumber?: string; ErrorId?: number; ErrorCode?: string } = {},
  ): void => {
    if (!res.writableEnded && !res.destroyed) res.write(JSON.stringify({ EventType: event, ...fields }) + '\n');
  };

  const splitter = new MkvSplitter();
  const builder = new FragmentBuilder();
  let open: { number: string; serverTimestampMs: number; timecode: number | null; buffered: boolean } | null = null;
  let lastProducerMs = -Infinity;
  let done = false;
  let lastData = Date.now();

  const finish = (): void => {
    if (done) return;
    done = true;
    clearInterval(idleTimer);
    sessions.delete(stream);
    stream.events.off('deleted', onDeleted);
    release();
    if (!res.writableEnded) res.end();
  };
  const fail = (errorId: number, errorCode: string): void => {
    ack('ERROR', {
      FragmentTimecode: open?.timecode ?? 0,
      ...(open ? { FragmentNumber: open.number } : {}),
      ErrorId: errorId,
      ErrorCode: errorCode,
    });
    open = null;
    // Later bytes are read and dropped: the socket stays up so the ERROR ack reaches the producer.
    req.resume();
    finish();
  };
  const onDeleted = (): void => fail(PUT_ERRORS.STREAM_NOT_ACTIVE, 'STREAM_NOT_ACTIVE');
  stream.events.on('deleted', onDeleted);
  sessions.set(stream, () => {
    finish();
    req.destroy();
  });

  const idleTimer = setInterval(() => {
    const quiet = Date.now() - lastData;
    if (quiet >= ctx.idleCloseMs) finish();
    else if (quiet >= ctx.idleAckMs) ack('IDLE');
  }, ctx.idleAckMs);

  const commit = (draft: FragmentDraft): void => {
    const clusterMs = Math.round(unitsToMs(draft.facts.timecode, draft.timecodeScale));
    // Producers that write absolute epoch ms into Cluster Timecodes (the C++ SDK does) mean them as absolute either way.
    const producerTimestampMs =
      rule.absolute || clusterMs >= ABSOLUTE_TIMECODE_MS ? clusterMs : rule.producerStartMs + clusterMs;
    const current = open ?? {
      number: ctx.store.nextNumber(stream),
      serverTimestampMs: Date.now(),
      timecode: clusterMs,
      buffered: false,
    };
    open = null;
    if (!current.buffered) ack('BUFFERING', { FragmentTimecode: clusterMs, FragmentNumber: current.number });
    if (producerTimestampMs < lastProducerMs) {
      open = current;
      fail(PUT_ERRORS.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS, 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS');
      return;
    }
    lastProducerMs = producerTimestampMs;
    ack('RECEIVED', { FragmentTimecode: clusterMs, FragmentNumber: current.number });
    const last = stream.fragments.at(-1);
    const number =
      last && compareFragmentNumbers(current.number, last.number) <= 0 ? ctx.store.nextNumber(stream) : current.number;
    const fragment: StoredFragment = {
      number,
      serverTimestampMs: Math.max(current.serverTimestampMs, (last?.serverTimestampMs ?? 0) + 1),
      producerTimestampMs,
      durationMs: Math.round(unitsToMs(draft.facts.spanUnits, draft.timecodeScale)),
      frames: draft.facts.frames,
      head: draft.head,
      cluster: draft.cluster,
      tail: draft.tail,
    };
    try {
      ctx.store.append(stream, fragment);
    } catch (e) {
      open = { ...current, buffered: true };
      fail(5001, `ARCHIVAL_ERROR: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    ack('PERSISTED', { FragmentTimecode: clusterMs, FragmentNumber: number });
  };

  const take = (events: ReturnType<MkvSplitter['push']>): void => {
    for (const event of events) {
      if (done) return;
      let drafts: FragmentDraft[];
      try {
        drafts = builder.accept(event);
      } catch (e) {
        fail(PUT_ERRORS.INVALID_MKV_DATA, `INVALID_MKV_DATA: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      for (const draft of drafts) if (!done) commit(draft);
      if (event.kind === 'cluster-start' && !done) {
        const timecode = event.timecode === null ? null : Math.round(unitsToMs(event.timecode, builder.scale));
        open = {
          number: ctx.store.nextNumber(stream),
          serverTimestampMs: Date.now(),
          timecode,
          buffered: timecode !== null,
        };
        if (timecode !== null) ack('BUFFERING', { FragmentTimecode: timecode, FragmentNumber: open.number });
      }
    }
    if (!done && splitter.fault)
      fail(PUT_ERRORS.INVALID_MKV_DATA, `INVALID_MKV_DATA: byte ${splitter.fault.offset}: ${splitter.fault.message}`);
  };

  await new Promise<void>((resolve) => {
    req.on('data', (bytes: Buffer) => {
      lastData = Date.now();
      if (!done) take(splitter.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
    });
    req.on('end', () => {
      if (!done) {
        take(splitter.end());
        if (!done) {
          try {
            for (const draft of builder.finish()) if (!done) commit(draft);
          } catch (e) {
            fail(PUT_ERRORS.INVALID_MKV_DATA, `INVALID_MKV_DATA: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
      finish();
      resolve();
    });
    // A producer that goes away mid-fragment leaves nothing half-written: the open cluster is dropped.
    req.on('close', () => {
      finish();
      resolve();
    });
    req.on('error', () => {
      finish();
      resolve();
    });
  });
}
