import { Id } from '../src/core/ebml/ids';
import { concat, element } from '../src/core/ebml/writer';
import { readTrackFacts, type TrackFact } from '../src/core/archive/track-facts';
import { childElements } from './ebml-bytes';
import type { StoredFragment } from './fragment';

/** A fragment's tracks as the playback APIs judge them, and the demo's tool to drop CodecPrivate from them. */

const factsByHead = new WeakMap<Uint8Array, TrackFact[]>();

export function tracksOf(fragment: StoredFragment): TrackFact[] {
  let facts = factsByHead.get(fragment.head);
  if (!facts) {
    facts = readTrackFacts(fragment.head);
    factsByHead.set(fragment.head, facts);
  }
  return facts;
}

/** Rewrites `element`'s children, keeping the header shape (known size) and dropping or replacing some. */
function rebuild(bytes: Uint8Array, map: (id: number, child: Uint8Array) => Uint8Array | null): Uint8Array {
  const [outer] = childElements(bytes);
  const kept = childElements(bytes, outer.dataStart, outer.end)
    .map((c) => map(c.id, bytes.subarray(c.start, c.end)))
    .filter((c): c is Uint8Array => c !== null);
  return element(outer.id, ...kept);
}

/** The same head (Info, Tracks, producer Tags) with every video track's CodecPrivate removed. */
export function withoutVideoCodecPrivate(head: Uint8Array): Uint8Array {
  const parts = childElements(head).map((top) => {
    const bytes = head.subarray(top.start, top.end);
    if (top.id !== Id.Tracks) return bytes;
    return rebuild(bytes, (id, entry) => {
      if (id !== Id.TrackEntry) return entry;
      const isVideo = readTrackFacts(element(Id.Tracks, entry))[0]?.type === 1;
      return isVideo ? rebuild(entry, (childId, child) => (childId === Id.CodecPrivate ? null : child)) : entry;
    });
  });
  return concat(parts);
}
