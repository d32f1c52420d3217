import { spawn } from 'node:child_process';
import { Id } from '../src/core/ebml/ids';
import { concat, ebmlHeader, unknownSizeHeader } from '../src/core/ebml/writer';
import { withTimecode } from './cluster';
import { childElements, readUint } from './ebml-bytes';
import { ApiError } from './errors';
import type { StoredFragment } from './fragment';

/**
 * ffmpeg (Debian's package) turns stored fragments into images (GetImages) and MP4 (GetClip). It is needed for
 * nothing else: every other call works without it, and these two say clearly when it is missing.
 */

const FFMPEG = process.env.KVS_LOCAL_FFMPEG ?? 'ffmpeg';
const TIMEOUT_MS = 60_000;
const MAX_STDERR = 4096;

export class FfmpegMissing extends ApiError {
  constructor() {
    super(
      500,
      'ServiceUnavailableException',
      'kvs-local needs ffmpeg for GetImages and GetClip and could not start it: install it (apt-get install ffmpeg) or set KVS_LOCAL_FFMPEG.',
    );
  }
}

/** Runs ffmpeg with `input` on stdin; resolves with stdout, rejects with ffmpeg's own words on failure. */
export function runFfmpeg(args: readonly string[], input: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG, ['-hide_banner', '-loglevel', 'error', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < MAX_STDERR) err += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new FfmpegMissing() : e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`ffmpeg exited with ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}`));
    });
    // ffmpeg may stop reading early (it has its frame): a broken pipe then is expected, not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function timecodeScale(head: Uint8Array): number {
  const info = childElements(head).find((c) => c.id === Id.Info);
  if (!info) return 1_000_000;
  const scale = childElements(head, info.dataStart, info.end).find((c) => c.id === Id.TimecodeScale);
  return scale ? readUint(head, scale.dataStart, scale.end) || 1_000_000 : 1_000_000;
}

/**
 * One Matroska file of the fragments, with the first one's Info and Tracks, Cluster Timecodes rewritten to the
 * fragments' producer times (relative to the first, always increasing), so a stream seeded twice still decodes.
 */
export function fragmentsAsMatroska(fragments: readonly StoredFragment[]): Uint8Array {
  if (fragments.length === 0) throw new RangeError('no fragments');
  const first = fragments[0];
  const unitsPerMs = 1_000_000 / timecodeScale(first.head);
  let previous = -1;
  const clusters = fragments.map((f) => {
    const units = Math.max(previous + 1, Math.round((f.producerTimestampMs - first.producerTimestampMs) * unitsPerMs));
    previous = units + Math.round(f.durationMs * unitsPerMs);
    return withTimecode(f.cluster, units);
  });
  return concat([ebmlHeader('matroska'), unknownSizeHeader(Id.Segment), first.head, ...clusters]);
}
