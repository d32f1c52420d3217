/** One stored fragment: what PutMedia (or a seed) produced from one Cluster. */
export interface StoredFragment {
  /** ~47-digit decimal string, increasing per stream. */
  number: string;
  serverTimestampMs: number;
  producerTimestampMs: number;
  durationMs: number;
  frames: number;
  /** Info, Tracks and the producer's own Tags: level-1 elements copied verbatim before the AWS tags. */
  head: Uint8Array;
  /** The whole Cluster element, with a known size. */
  cluster: Uint8Array;
  /** Elements the producer wrote after the Cluster in the same chunk (Cues, its own Tags), verbatim. */
  tail: Uint8Array;
}

export const fragmentSize = (f: StoredFragment): number => f.head.length + f.cluster.length + f.tail.length;

// Shaped like real fragment numbers (47 digits); the low digits leave room for every stream's lifetime.
const FRAGMENT_NUMBER_BASE = 91343852333181432392682062600000000000000000000n;
const FRAGMENT_NUMBER_STEP = 1_000_000_003n;

/** The first fragment number of a stream created at `creationMs`: later streams start higher. */
function firstFragmentNumber(creationMs: number): bigint {
  return FRAGMENT_NUMBER_BASE + BigInt(Math.floor(creationMs)) * 10n ** 15n;
}

export function nextFragmentNumber(previous: string | null, creationMs: number): string {
  return previous === null
    ? firstFragmentNumber(creationMs).toString()
    : (BigInt(previous) + FRAGMENT_NUMBER_STEP).toString();
}

export function compareFragmentNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isFragmentNumber = (text: string): boolean => /^[0-9]{1,128}$/.test(text);

/** "seconds.mmm", the way the service writes timestamps in tags. */
export const timestampText = (ms: number): string => (ms / 1000).toFixed(3);
