import type { StreamRef } from '../client-factory';
import { readTrackFacts, type TrackFact } from '../../core/archive/track-facts';
import type { ArchiveEndpoints } from './archive-endpoints';
import { fetchFragmentBytes } from './fragment-bytes';

/** The tracks of one fragment as the reader sees them: GetMediaForFragmentList of it, its Tracks element read. */
export async function fragmentTracks(
  endpoints: ArchiveEndpoints,
  stream: StreamRef,
  fragmentNumber: string,
  signal?: AbortSignal,
): Promise<TrackFact[]> {
  return readTrackFacts(await fetchFragmentBytes(endpoints, stream, fragmentNumber, signal));
}
