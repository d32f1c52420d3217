/** The texts of the per-record anomalies: stable prefixes so tools can group them, details after the colon. */
export const Anomaly = {
  truncated: (): string => 'cut off: the input ended inside this chunk',
  corrupt: (byteOffset: number, message: string): string => `corrupt at byte ${byteOffset}: ${message}`,
  timecodeBackwards: (now: number, before: number): string => `cluster timecode went backwards: ${now} after ${before}`,
  timecodeEqual: (value: number): string => `cluster timecode equal to the previous chunk's: ${value}`,
  fragmentNotIncreasing: (now: string, before: string): string =>
    `fragment number did not increase: ${now} after ${before}`,
  noKeyframeFirst: (track: number): string =>
    `fragment does not start with a keyframe: first block (track ${track}) is not key`,
  producerAhead: (ms: number): string => `producer time ahead of server time: by ${ms} ms`,
  badTimestamp: (tag: string, text: string): string =>
    `unreadable timestamp: ${tag} is ${JSON.stringify(text)}, not seconds.mmm`,
  badInteger: (tag: string, text: string): string => `unreadable integer: ${tag} is ${JSON.stringify(text)}`,
  valueCut: (tag: string, size: number, kept: number): string =>
    `tag value cut: ${tag} holds ${size} bytes, ${kept} kept`,
  tooManyTags: (limit: number): string => `too many tags: only the first ${limit} are listed`,
  badBlock: (offset: number): string => `malformed block: the block at byte ${offset} is too short for its header`,
  hugeTimecode: (): string => 'unreadable timecode: the Cluster Timecode exceeds 2^53',
} as const;
