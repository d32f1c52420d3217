import { Id } from '../ebml/ids';
import { readFloat, readInt16, readString, readUint } from '../ebml/values';
import { readSize, vintWidth } from '../ebml/vint';
import type { TrackInfo } from './record';

/** Leaves the chunk builder reads into place: a block's head, a track's fields. */

export interface BlockHead {
  track: number;
  relative: number;
  flags: number;
}

/** Track number, relative timecode and flags of a Block or SimpleBlock (`bytes[start..end)`), written into `into`; null when too short. */
export function readBlockHead(bytes: Uint8Array, start: number, end: number, into: BlockHead): BlockHead | null {
  const width = end > start ? vintWidth(bytes[start]) : 0;
  if (width === 0 || end - start < width + 3) return null;
  into.track = readSize(bytes, start, width);
  into.relative = readInt16(bytes, start + width);
  into.flags = bytes[start + width + 2];
  return into;
}

export function trackLeaf(track: TrackInfo, id: number, bytes: Uint8Array, start: number, end: number): void {
  switch (id) {
    case Id.TrackNumber:
      track.number = readUint(bytes, start, end) ?? 0;
      break;
    case Id.TrackType:
      track.type = readUint(bytes, start, end);
      break;
    case Id.CodecID:
      track.codecId = readString(bytes, start, end);
      break;
    case Id.Name:
      track.name = readString(bytes, start, end);
      break;
    case Id.PixelWidth:
      track.width = readUint(bytes, start, end);
      break;
    case Id.PixelHeight:
      track.height = readUint(bytes, start, end);
      break;
    case Id.SamplingFrequency:
      track.samplingFrequency = readFloat(bytes, start, end);
      break;
    case Id.Channels:
      track.channels = readUint(bytes, start, end);
      break;
  }
}
