import { Id } from '../ebml/ids';
import { readString, readUint } from '../ebml/values';
import { readId, readSize, SIZE_TOO_LARGE, SIZE_UNKNOWN, vintWidth } from '../ebml/vint';

/** What a fragment's Tracks element says about each track: enough to tell whether playback APIs will take it. */
export interface TrackFact {
  number: number;
  /** Matroska TrackType: 1 video, 2 audio. */
  type: number | null;
  codecId: string | null;
  /** Bytes of CodecPrivate; 0 when the element is missing or empty. */
  codecPrivateLength: number;
  /** First CodecPrivate byte: AVCC and HVCC records start with configurationVersion 1. */
  codecPrivateFirstByte: number | null;
  width: number | null;
  height: number | null;
}

interface Child {
  id: number;
  dataStart: number;
  end: number;
}

/** The children of bytes[from, to); stops quietly at anything malformed (the caller gets what was readable). */
function children(bytes: Uint8Array, from: number, to: number): Child[] {
  const out: Child[] = [];
  let at = from;
  while (at < to) {
    const idWidth = vintWidth(bytes[at]);
    if (idWidth === 0 || idWidth > 4 || at + idWidth >= to) break;
    const sizeAt = at + idWidth;
    const sizeWidth = vintWidth(bytes[sizeAt]);
    if (sizeWidth === 0 || sizeAt + sizeWidth > to) break;
    const size = readSize(bytes, sizeAt, sizeWidth);
    const dataStart = sizeAt + sizeWidth;
    if (size === SIZE_TOO_LARGE) break;
    const end = size === SIZE_UNKNOWN ? to : dataStart + size;
    if (end > to) break;
    out.push({ id: readId(bytes, at, idWidth), dataStart, end });
    at = end;
  }
  return out;
}

function trackFact(bytes: Uint8Array, entry: Child): TrackFact {
  const fact: TrackFact = {
    number: 0,
    type: null,
    codecId: null,
    codecPrivateLength: 0,
    codecPrivateFirstByte: null,
    width: null,
    height: null,
  };
  for (const c of children(bytes, entry.dataStart, entry.end)) {
    if (c.id === Id.TrackNumber) fact.number = readUint(bytes, c.dataStart, c.end) ?? 0;
    else if (c.id === Id.TrackType) fact.type = readUint(bytes, c.dataStart, c.end);
    else if (c.id === Id.CodecID) fact.codecId = readString(bytes, c.dataStart, c.end);
    else if (c.id === Id.CodecPrivate) {
      fact.codecPrivateLength = c.end - c.dataStart;
      fact.codecPrivateFirstByte = c.end > c.dataStart ? bytes[c.dataStart] : null;
    } else if (c.id === Id.Video) {
      for (const v of children(bytes, c.dataStart, c.end)) {
        if (v.id === Id.PixelWidth) fact.width = readUint(bytes, v.dataStart, v.end);
        if (v.id === Id.PixelHeight) fact.height = readUint(bytes, v.dataStart, v.end);
      }
    }
  }
  return fact;
}

/** Every TrackEntry of the first Tracks element found among the top-level elements of `bytes` (or inside a Segment). */
export function readTrackFacts(bytes: Uint8Array): TrackFact[] {
  const search = (from: number, to: number): TrackFact[] | null => {
    for (const c of children(bytes, from, to)) {
      if (c.id === Id.Tracks)
        return children(bytes, c.dataStart, c.end)
          .filter((e) => e.id === Id.TrackEntry)
          .map((e) => trackFact(bytes, e));
      if (c.id === Id.Segment) return search(c.dataStart, c.end);
    }
    return null;
  };
  return search(0, bytes.length) ?? [];
}
