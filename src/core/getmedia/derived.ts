import type { ChunkRecord, TrackStats } from './record';

/** Figures derived from a chunk's fields, the same for the webview's columns, the filter and kvs-inspect. */
export interface DerivedFigures {
  /** Producer time minus server time, ms (positive: the producer's clock is ahead). */
  skewMs: number | null;
  videoFrames: number;
  videoKeyframes: number;
  /** Video frames per second over the blocks' span; null with fewer than two frames or no span. */
  fps: number | null;
  /** Bits per second over the chunk's playing time (the video blocks' span plus one frame interval). */
  bitrate: number | null;
  /** Average video frames per keyframe in the chunk (a fragment holding one GOP: its length). */
  gop: number | null;
}

export function derivedFigures(r: ChunkRecord): DerivedFigures {
  const skewMs =
    r.producerTimestamp !== null && r.serverTimestamp !== null ? r.producerTimestamp - r.serverTimestamp : null;
  const video = videoStats(r);
  const videoFrames = video ? video.frames : r.frames;
  const videoKeyframes = video ? video.keyframes : r.keyframes;
  const span = (video ? video.durationMs : r.durationMs) ?? 0;
  const fps = videoFrames > 1 && span > 0 ? round2(((videoFrames - 1) * 1000) / span) : null;
  const playingMs = videoFrames > 1 && span > 0 ? (span * videoFrames) / (videoFrames - 1) : 0;
  const bitrate = playingMs > 0 ? Math.round((r.byteLength * 8 * 1000) / playingMs) : null;
  const gop = videoKeyframes > 0 ? round2(videoFrames / videoKeyframes) : null;
  return { skewMs, videoFrames, videoKeyframes, fps, bitrate, gop };
}

/** The first video track's figures; null when the chunk declares no video track (then every track counts). */
function videoStats(r: ChunkRecord): TrackStats | null {
  const video = r.tracks.find((t) => t.type === 1);
  if (!video) return null;
  return (
    r.trackStats.find((t) => t.number === video.number) ?? {
      number: video.number,
      frames: 0,
      keyframes: 0,
      bytes: 0,
      durationMs: null,
    }
  );
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
