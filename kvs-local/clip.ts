import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, notFound } from './errors';
import { resolveStream } from './control-plane';
import { fragmentSize, type StoredFragment } from './fragment';
import type { MediaContext } from './getmedia';
import type { RequestContext } from './http-router';
import { onlyFields, optionalObject, type JsonObject } from './json-input';
import { FfmpegMissing, fragmentsAsMatroska, runFfmpeg } from './media-tools';
import { checkPlayable, rangeFragments } from './playback-check';

/** GetClip: the range's fragments (at most the first 200 or 100 MB) remuxed by ffmpeg into a plain MP4. */

const CLIP_MAX_FRAGMENTS = 200;
const CLIP_MAX_BYTES = 100 * 1024 * 1024;

function clipFragments(fragments: readonly StoredFragment[]): StoredFragment[] {
  const out: StoredFragment[] = [];
  let bytes = 0;
  for (const f of fragments) {
    if (out.length >= CLIP_MAX_FRAGMENTS || bytes + fragmentSize(f) > CLIP_MAX_BYTES) break;
    out.push(f);
    bytes += fragmentSize(f);
  }
  return out;
}

async function remux(fragments: readonly StoredFragment[]): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'kvs-local-clip-'));
  const file = join(dir, 'clip.mp4');
  try {
    await runFfmpeg(
      ['-f', 'matroska', '-i', 'pipe:0', '-c', 'copy', '-movflags', '+faststart', '-y', file],
      fragmentsAsMatroska(fragments),
    );
    return await readFile(file);
  } catch (e) {
    if (e instanceof FfmpegMissing) throw e;
    throw new ApiError(
      400,
      'InvalidMediaFrameException',
      `One or more frames in the requested clip could not be parsed: ${(e as Error).message}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function getClip(media: MediaContext, input: JsonObject, ctx: RequestContext): Promise<void> {
  onlyFields(input, ['StreamName', 'StreamARN', 'ClipFragmentSelector']);
  const stream = resolveStream(media.store, input);
  const selector = optionalObject(input, 'ClipFragmentSelector');
  if (!selector) throw new ApiError(400, 'InvalidArgumentException', 'GetClip requires ClipFragmentSelector.');
  const fragments = rangeFragments('GetClip', stream, selector, 'ClipFragmentSelector', { endRequired: true });
  if (fragments.length === 0) throw notFound('No fragments found in the requested time range.');
  checkPlayable('GetClip', fragments[0]);
  const mp4 = await remux(clipFragments(fragments));
  ctx.res.writeHead(200, {
    'Content-Type': 'video/mp4',
    'Content-Length': mp4.length,
    'x-amzn-RequestId': ctx.requestId,
  });
  ctx.res.end(mp4);
}
