import type { StreamRef } from '../client-factory';
import { readTrackFacts, type TrackFact } from '../../core/archive/track-facts';
import type { ArchiveEndpoints } from './archive-endpoints';
import { FragmentListSession } from './fragment-list-session';

/** The tracks of one fragment as the reader sees them: GetMediaForFragmentList of it, its Tracks element read. */
export async function fragmentTracks(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  fragmentNumber: string,
): Promise<TrackFact[] | null> {
  const parts: Uint8Array[] = [];
  let failure: string | null = null;
  const session = new FragmentListSession({
    endpoints,
    stream,
    numbers: [fragmentNumber],
    keepChunkBytes: true,
    listener: {
      chunks: (chunks) => parts.push(...chunks.flatMap((c) => c.pieces ?? [])),
      state: () => undefined,
      httpError: (e) => (failure = `${e.name}: ${e.message}`),
      log: () => undefined,
    },
  });
  await session.run();
  if (failure !== null || parts.length === 0) return null;
  return readTrackFacts(Buffer.concat(parts));
}
