import type { ChunkRecord } from '../getmedia/record';
import { derivedFigures } from '../getmedia/derived';
import type { FilterValue } from './ast';

export interface FilterField {
  name: string;
  description: string;
  get(r: ChunkRecord): FilterValue;
}

/** The fields a filter expression can name: the row's columns, with the same names in the webview and kvs-inspect. */
export const FILTER_FIELDS: readonly FilterField[] = [
  { name: 'index', description: 'the chunk number, from 0', get: (r) => r.index },
  { name: 'fragment', description: 'AWS_KINESISVIDEO_FRAGMENT_NUMBER (text)', get: (r) => r.fragmentNumber },
  { name: 'server', description: 'server timestamp, epoch ms', get: (r) => r.serverTimestamp },
  { name: 'producer', description: 'producer timestamp, epoch ms', get: (r) => r.producerTimestamp },
  { name: 'behind', description: 'AWS_KINESISVIDEO_MILLIS_BEHIND_NOW, ms', get: (r) => r.millisBehindNow },
  { name: 'skew', description: 'producer time minus server time, ms', get: (r) => derivedFigures(r).skewMs },
  { name: 'duration', description: 'span of the chunk’s blocks, ms', get: (r) => r.durationMs },
  { name: 'frames', description: 'blocks in the chunk, every track', get: (r) => r.frames },
  { name: 'keyframes', description: 'video keyframes in the chunk', get: (r) => derivedFigures(r).videoKeyframes },
  { name: 'fps', description: 'video frames per second', get: (r) => derivedFigures(r).fps },
  { name: 'bitrate', description: 'bits per second over the chunk’s duration', get: (r) => derivedFigures(r).bitrate },
  { name: 'gop', description: 'video frames from one keyframe to the next', get: (r) => derivedFigures(r).gop },
  { name: 'bytes', description: 'the chunk’s size in bytes', get: (r) => r.byteLength },
  { name: 'offset', description: 'where the chunk starts in the input', get: (r) => r.byteOffset },
  { name: 'error', description: 'AWS_KINESISVIDEO_ERROR_ID (null without one)', get: (r) => r.errorId },
  { name: 'errorCode', description: 'AWS_KINESISVIDEO_ERROR_CODE', get: (r) => r.errorCode },
  { name: 'token', description: 'AWS_KINESISVIDEO_CONTINUATION_TOKEN', get: (r) => r.continuationToken },
  {
    name: 'anomalies',
    description: 'the anomaly texts joined by "; " ("" without any)',
    get: (r) => r.anomalies.join('; '),
  },
  { name: 'truncated', description: 'the input ended inside this chunk', get: (r) => r.truncated },
  { name: 'timecode', description: 'the Cluster Timecode', get: (r) => r.clusterTimecode },
];

const BY_NAME = new Map(FILTER_FIELDS.map((f) => [f.name.toLowerCase(), f]));

export function findField(name: string): FilterField | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** A tag's value by name: exact first, then ignoring case; the first one when a name repeats. */
export function tagValue(r: ChunkRecord, name: string): string | null {
  const exact = r.tags.find((t) => t.name === name);
  if (exact) return exact.value;
  const lower = name.toLowerCase();
  return r.tags.find((t) => t.name.toLowerCase() === lower)?.value ?? null;
}

/** Everything a bare search word is looked for in. */
export function searchText(r: ChunkRecord): string[] {
  const texts = [
    String(r.index),
    r.fragmentNumber,
    r.continuationToken,
    r.errorCode,
    r.errorMeaning,
    r.serverTimestampText,
    r.producerTimestampText,
    r.millisBehindNow === null ? null : String(r.millisBehindNow),
    r.errorId === null ? null : String(r.errorId),
    ...r.anomalies,
  ];
  const out = texts.filter((t): t is string => t !== null);
  for (const t of r.tags) out.push(t.name, t.value);
  return out;
}
