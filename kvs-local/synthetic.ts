import { Id } from '../src/core/ebml/ids';
import { element, uintElement } from '../src/core/ebml/writer';
import type { StoredFragment } from './fragment';
import type { StreamRecord, StreamStore } from './stream-store';

/**
 * Many small fragments for benches and paging tests: a real fragment's head (Info, Tracks) with a one-frame
 * cluster, `spacingMs` apart, ending now. Not media anyone can play beyond a frame; the listing is the point.
 */
export function appendSyntheticFragments(
  store: StreamStore,
  stream: StreamRecord,
  head: Uint8Array,
  options: { count: number; spacingMs: number; durationMs?: number; nowMs?: number },
): StoredFragment[] {
  const now = options.nowMs ?? Date.now();
  const frame = element(Id.SimpleBlock, Uint8Array.of(0x81, 0, 0, 0x80, 0, 0, 0, 1, 0x65));
  const cluster = element(Id.Cluster, uintElement(Id.Timecode, 0), frame);
  const added: StoredFragment[] = [];
  for (let i = 0; i < options.count; i++) {
    const producer = now - (options.count - i) * options.spacingMs;
    const fragment: StoredFragment = {
      number: store.nextNumber(stream),
      producerTimestampMs: producer,
      serverTimestampMs: producer + 150,
      durationMs: options.durationMs ?? Math.max(1, options.spacingMs - 33),
      frames: 1,
      head,
      cluster,
      tail: new Uint8Array(0),
    };
    store.append(stream, fragment);
    added.push(fragment);
  }
  return added;
}
