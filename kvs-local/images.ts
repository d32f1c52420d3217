import { playbackProblem } from '../src/core/archive/playback-requirements';
import { invalidArgument } from './errors';
import { resolveStream } from './control-plane';
import type { StoredFragment } from './fragment';
import {
  decodeToken,
  encodeToken,
  fragmentTime,
  noDataRetention,
  retainedFragments,
  selectorType,
  type SelectorType,
} from './archive-selectors';
import type { MediaContext } from './getmedia';
import {
  onlyFields,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalTimestamp,
  requiredString,
  type JsonObject,
} from './json-input';
import { fragmentsAsMatroska, runFfmpeg } from './media-tools';
import { tracksOf } from './tracks';

/**
 * GetImages: one image per sampled time, from the fragment playing at that time (its keyframe at the start, as
 * the service takes the nearest keyframe), decoded by ffmpeg; NO_MEDIA where no fragment plays, MEDIA_ERROR
 * where the media cannot give an image (no H.264/H.265 video, undecodable).
 */

const MAX_RANGE_MS = 300_000;
const MIN_SAMPLING_MS = 200;
const DEFAULT_PAGE = 25;
const PARALLEL_DECODES = 3;

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

async function inParallel(tasks: ReadonlyArray<() => Promise<unknown>>, width: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]().catch(() => undefined);
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}

interface ImageRequest {
  type: SelectorType;
  startMs: number;
  endMs: number;
  intervalMs: number;
  format: 'JPEG' | 'PNG';
  quality: number;
  width?: number;
  height?: number;
}

function readRequest(input: JsonObject): ImageRequest {
  const type = selectorType(requiredString(input, 'ImageSelectorType'), 'ImageSelectorType');
  const startMs = optionalTimestamp(input, 'StartTimestamp');
  const endMs = optionalTimestamp(input, 'EndTimestamp');
  if (startMs === undefined || endMs === undefined)
    throw invalidArgument('GetImages requires StartTimestamp and EndTimestamp.');
  if (endMs < startMs) throw invalidArgument('EndTimestamp must not be earlier than StartTimestamp.');
  if (endMs - startMs > MAX_RANGE_MS)
    throw invalidArgument(
      `EndTimestamp is ${((endMs - startMs) / 1000).toFixed(1)} s after StartTimestamp; GetImages covers at most 300 s.`,
    );
  const intervalMs = optionalInteger(input, 'SamplingInterval', 0, 2 ** 31 - 1) ?? 3000;
  if (intervalMs < MIN_SAMPLING_MS)
    throw invalidArgument(`SamplingInterval is ${intervalMs} ms; the minimum is ${MIN_SAMPLING_MS} ms.`);
  const format = requiredString(input, 'Format');
  if (format !== 'JPEG' && format !== 'PNG') throw invalidArgument(`Format must be JPEG or PNG, not '${format}'.`);
  const config = optionalObject(input, 'FormatConfig') ?? {};
  onlyFields(config, ['JPEGQuality'], 'FormatConfig');
  const qualityText = optionalString(config, 'JPEGQuality') ?? '80';
  const quality = Number(qualityText);
  if (!/^\d+$/.test(qualityText) || quality < 1 || quality > 100)
    throw invalidArgument(`FormatConfig JPEGQuality must be 1 to 100, not '${qualityText}'.`);
  const width = optionalInteger(input, 'WidthPixels', 1, 3840);
  const height = optionalInteger(input, 'HeightPixels', 1, 2160);
  if ((width === undefined) !== (height === undefined))
    throw invalidArgument('WidthPixels and HeightPixels are used together: give both or neither.');
  return { type, startMs, endMs, intervalMs, format, quality, width, height };
}

function sampleTimes(r: ImageRequest): number[] {
  const times: number[] = [];
  for (let t = r.startMs; t <= r.endMs; t += r.intervalMs) times.push(t);
  return times;
}

/**
 * How long a fragment plays: its span (first to last frame) and the last frame's own time, which the span leaves
 * out. Without it a time a few ms before the next fragment (timestamps are rounded to ms) would find no media.
 */
function playingMs(f: StoredFragment): number {
  const frameMs = f.frames > 1 ? f.durationMs / (f.frames - 1) : 0;
  return Math.max(f.durationMs + frameMs, 1);
}

/** The fragment playing at `t`: the latest one started at or before it and still playing then. */
export function fragmentAt(
  fragments: readonly StoredFragment[],
  type: SelectorType,
  t: number,
): StoredFragment | undefined {
  let best: StoredFragment | undefined;
  for (const f of fragments) {
    const start = fragmentTime(f, type);
    if (start <= t && t <= start + playingMs(f) && (!best || start > fragmentTime(best, type))) best = f;
  }
  return best;
}

function ffmpegArgs(r: ImageRequest): string[] {
  const scale = r.width !== undefined && r.height !== undefined ? ['-vf', `scale=${r.width}:${r.height}`] : [];
  // JPEGQuality 1..100 onto mjpeg's qscale 31..2 (higher quality, lower qscale).
  const qscale = Math.round(31 - ((r.quality - 1) * 29) / 99);
  const codec = r.format === 'JPEG' ? ['-c:v', 'mjpeg', '-q:v', String(qscale)] : ['-c:v', 'png'];
  return ['-f', 'matroska', '-i', 'pipe:0', '-frames:v', '1', ...scale, ...codec, '-f', 'image2pipe', 'pipe:1'];
}

type ImageResult = { ImageContent: string } | { Error: 'NO_MEDIA' | 'MEDIA_ERROR' };

async function imageOf(fragment: StoredFragment | undefined, r: ImageRequest): Promise<ImageResult> {
  if (!fragment) return { Error: 'NO_MEDIA' };
  if (playbackProblem('GetImages', tracksOf(fragment))) return { Error: 'MEDIA_ERROR' };
  try {
    const bytes = await runFfmpeg(ffmpegArgs(r), fragmentsAsMatroska([fragment]));
    return bytes.length > 0 ? { ImageContent: Buffer.from(bytes).toString('base64') } : { Error: 'MEDIA_ERROR' };
  } catch (e) {
    if ((e as { type?: string }).type === 'ServiceUnavailableException') throw e;
    return { Error: 'MEDIA_ERROR' };
  }
}

export async function getImages(media: MediaContext, input: JsonObject): Promise<JsonObject> {
  onlyFields(input, [
    'StreamName',
    'StreamARN',
    'ImageSelectorType',
    'StartTimestamp',
    'EndTimestamp',
    'SamplingInterval',
    'Format',
    'FormatConfig',
    'WidthPixels',
    'HeightPixels',
    'MaxResults',
    'NextToken',
  ]);
  const stream = resolveStream(media.store, input);
  const request = readRequest(input);
  const max = Math.min(DEFAULT_PAGE, optionalInteger(input, 'MaxResults', 1, 100) ?? DEFAULT_PAGE);
  const token = optionalString(input, 'NextToken', { min: 1, max: 4096 });
  if (stream.dataRetentionInHours <= 0) throw noDataRetention('GetImages', stream);
  const times = sampleTimes(request);
  const [from] = token === undefined ? [0] : decodeToken(token, 'images', 1);
  const fragments = retainedFragments(stream);
  const page = times.slice(from, from + max);
  // One decode per fragment (times inside it share its keyframe), a few at a time.
  const decodes = new Map<StoredFragment | undefined, () => Promise<ImageResult>>();
  const picks = page.map((t) => {
    const fragment = fragmentAt(fragments, request.type, t);
    if (!decodes.has(fragment))
      decodes.set(
        fragment,
        once(() => imageOf(fragment, request)),
      );
    return { t, decode: decodes.get(fragment)! };
  });
  await inParallel([...decodes.values()], PARALLEL_DECODES);
  const images: JsonObject[] = [];
  for (const { t, decode } of picks) images.push({ TimeStamp: t / 1000, ...(await decode()) });
  const out: JsonObject = { Images: images };
  if (from + max < times.length) out.NextToken = encodeToken('images', from + max);
  return out;
}
