import { ChunkReader } from '../../core/getmedia/chunk-reader';
import { describeError } from '../../core/getmedia/error-catalogue';
import { MediaSession, type MediaSessionOptions } from './media-session';

/** A MediaSession wired to src/core's ChunkReader and error catalogue. */
export function openMediaSession(options: Omit<MediaSessionOptions, 'newReader' | 'isRetryableErrorId'>): MediaSession {
  return new MediaSession({
    ...options,
    newReader: () => new ChunkReader(),
    isRetryableErrorId: (id) => describeError(id).retryable,
  });
}
