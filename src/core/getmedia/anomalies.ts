import type { ReadFault, Resync } from './record';

/** Notes quote at most this many characters of a value, so a hostile value never makes a long note. */
const QUOTE_LIMIT = 200;

/** A value as a note quotes it: JSON text of at most QUOTE_LIMIT characters, with the full length when cut. */
function quote(text: string): string {
  if (text.length <= QUOTE_LIMIT) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, QUOTE_LIMIT))}… (${text.length} characters)`;
}

/** A name (tag name, fragment number) inside a note, cut to QUOTE_LIMIT characters. */
function clip(text: string): string {
  return text.length <= QUOTE_LIMIT ? text : `${text.slice(0, QUOTE_LIMIT)}… (${text.length} characters)`;
}

/** The texts of the per-record anomalies: stable prefixes so tools can group them, details after the colon. */
export const Anomaly = {
  truncated: (): string => 'cut off: the input ended inside this chunk',
  corrupt: (byteOffset: number, message: string): string => `corrupt at byte ${byteOffset}: ${message}`,
  timecodeBackwards: (now: number, before: number): string => `cluster timecode went backwards: ${now} after ${before}`,
  timecodeEqual: (value: number): string => `cluster timecode equal to the previous chunk's: ${value}`,
  fragmentNotIncreasing: (now: string, before: string): string =>
    `fragment number did not increase: ${clip(now)} after ${clip(before)}`,
  noKeyframeFirst: (track: number): string =>
    `fragment does not start with a keyframe: first block (track ${track}) is not key`,
  producerAhead: (ms: number): string => `producer time ahead of server time: by ${ms} ms`,
  badTimestamp: (tag: string, text: string): string =>
    `unreadable timestamp: ${clip(tag)} is ${quote(text)}, not seconds.mmm`,
  badInteger: (tag: string, text: string): string => `unreadable integer: ${clip(tag)} is ${quote(text)}`,
  valueCut: (tag: string, size: number, kept: number): string =>
    `tag value cut: ${clip(tag)} holds ${size} bytes, ${kept} kept`,
  tagBudget: (budget: number): string =>
    `tag values over budget: past ${budget} bytes of tag text in this chunk, long values are kept as a preview and their length`,
  cutOffByResync: (fault: ReadFault, at: number): string =>
    `cut off: the next chunk starts at byte ${at} (byte ${fault.byteOffset}: ${fault.message})`,
  resynced: (resync: Resync): string =>
    `resynced at byte ${resync.at} after skipping ${resync.at - resync.from} bytes from ${resync.from} (${resync.reason})`,
  moreNotes: (count: number): string => `more anomalies: ${count} more in this chunk, not listed`,
  tooManyTags: (limit: number): string => `too many tags: only the first ${limit} are listed`,
  badBlock: (offset: number): string => `malformed block: the block at byte ${offset} is too short for its header`,
  hugeTimecode: (): string => 'unreadable timecode: the Cluster Timecode exceeds 2^53',
} as const;
