import { Id } from '../../src/core/ebml/ids';
import {
  concat,
  element,
  encodeId,
  encodeSize,
  ebmlHeader,
  stringElement,
  tagsElement,
  uintElement,
  unknownSizeHeader,
} from '../../src/core/ebml/writer';

/** Test inputs built with the project's EBML writer: GetMedia chunks with the parts a test needs. */

export function simpleBlock(relative: number, key: boolean, payload = 16, track = 1): Uint8Array {
  const head = Uint8Array.of(0x80 | track, (relative >> 8) & 0xff, relative & 0xff, key ? 0x80 : 0x00);
  return element(Id.SimpleBlock, head, new Uint8Array(payload).fill(0xaa));
}

/** An element whose size field is written on `width` bytes (the C producer writes 8). */
export function wideElement(id: number, width: number, ...children: Uint8Array[]): Uint8Array {
  const body = concat(children);
  return concat([encodeId(id), encodeSize(body.length, width), body]);
}

export function blockGroup(relative: number, reference: boolean): Uint8Array {
  const block = element(
    Id.Block,
    Uint8Array.of(0x81, (relative >> 8) & 0xff, relative & 0xff, 0x00),
    new Uint8Array(8),
  );
  return element(Id.BlockGroup, block, ...(reference ? [element(Id.ReferenceBlock, Uint8Array.of(0xff))] : []));
}

export function trackEntries(): Uint8Array {
  return element(
    Id.Tracks,
    element(
      Id.TrackEntry,
      uintElement(Id.TrackNumber, 1),
      uintElement(Id.TrackType, 1),
      stringElement(Id.CodecID, 'V_MPEG4/ISO/AVC'),
      element(Id.Video, uintElement(Id.PixelWidth, 1280), uintElement(Id.PixelHeight, 720)),
    ),
  );
}

export interface ChunkSpec {
  fragment?: string;
  server?: string;
  producer?: string;
  timecode?: number | bigint;
  blocks?: Uint8Array[];
  trailing?: ReadonlyArray<readonly [string, string]>;
  withHeader?: boolean;
  unknownCluster?: boolean;
}

/** One GetMedia chunk: EBML header, Segment of unknown size, Info, Tracks, tags, Cluster, trailing tags. */
export function getMediaChunk(spec: ChunkSpec = {}): Uint8Array {
  const fragment = spec.fragment ?? '91343852333181432392682062607743920146159169392';
  const clusterBody = [
    uintElement(Id.Timecode, spec.timecode ?? 1000),
    ...(spec.blocks ?? [simpleBlock(0, true), simpleBlock(33, false)]),
  ];
  const cluster = spec.unknownCluster
    ? concat([unknownSizeHeader(Id.Cluster), ...clusterBody])
    : element(Id.Cluster, ...clusterBody);
  return concat([
    ...(spec.withHeader === false ? [] : [ebmlHeader()]),
    unknownSizeHeader(Id.Segment),
    element(Id.Info, uintElement(Id.TimecodeScale, 1_000_000)),
    trackEntries(),
    tagsElement([
      ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', fragment],
      ['AWS_KINESISVIDEO_SERVER_TIMESTAMP', spec.server ?? '1511852109.126'],
      ['AWS_KINESISVIDEO_PRODUCER_TIMESTAMP', spec.producer ?? '1511852108.513'],
    ]),
    cluster,
    tagsElement(
      spec.trailing ?? [
        ['AWS_KINESISVIDEO_MILLIS_BEHIND_NOW', '1500'],
        ['AWS_KINESISVIDEO_CONTINUATION_TOKEN', fragment],
      ],
    ),
  ]);
}

/** The error chunk GetMedia sends in-band: a Segment holding only the error Tags. */
export function errorChunk(id: string, code: string): Uint8Array {
  return concat([
    ebmlHeader(),
    unknownSizeHeader(Id.Segment),
    tagsElement([
      ['AWS_KINESISVIDEO_ERROR_CODE', code],
      ['AWS_KINESISVIDEO_ERROR_ID', id],
    ]),
  ]);
}
