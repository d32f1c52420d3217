import type { ElementHeader, ElementVisitor } from '../ebml/element-reader';
import { elementName } from '../ebml/schema';
import type { ReadFault } from './record';
import { SIZE_UNKNOWN } from '../ebml/vint';

/** One EBML element as the reader met it (kvs-inspect --elements prints these, one per line). */
export interface ElementEvent {
  /** The index of the chunk record whose bytes hold the element's first byte. */
  chunk: number;
  /** 0 for top-level elements (EBML header, Segment). */
  depth: number;
  /** As on the wire, e.g. "0x1F43B675". */
  id: string;
  /** The Matroska name, or null for an id this project does not know. */
  name: string | null;
  /** Absolute offset of the element's first id byte in the input. */
  offset: number;
  /** Id and size bytes. */
  headerSize: number;
  /** Data size in bytes; null for an unknown size. */
  size: number | null;
}

/**
 * Sits between the EBML reader and the chunk builder, reporting every element (masters when they open, leaves at
 * their header) and forwarding everything unchanged. Only used when a caller asks for elements.
 */
export class ElementTap implements ElementVisitor {
  constructor(
    private readonly inner: ElementVisitor,
    private readonly chunkIndex: () => number,
    private readonly report: (e: ElementEvent) => void,
  ) {}

  openMaster(h: ElementHeader): void {
    this.inner.openMaster(h);
    this.report(toEvent(h, this.chunkIndex()));
  }
  closeMaster(h: ElementHeader, end: number): void {
    this.inner.closeMaster(h, end);
  }
  wantLeaf(h: ElementHeader): number {
    const want = this.inner.wantLeaf(h);
    this.report(toEvent(h, this.chunkIndex()));
    return want;
  }
  leafValue(h: ElementHeader, bytes: Uint8Array, start: number, end: number): void {
    this.inner.leafValue(h, bytes, start, end);
  }
  leafEnd(h: ElementHeader): void {
    this.inner.leafEnd(h);
  }
  resynced(fault: ReadFault, at: number): void {
    this.inner.resynced(fault, at);
  }
}

function toEvent(h: ElementHeader, chunk: number): ElementEvent {
  return {
    chunk,
    depth: h.depth,
    id: `0x${h.id.toString(16).toUpperCase()}`,
    name: elementName(h.id),
    offset: h.offset,
    headerSize: h.headerSize,
    size: h.dataSize === SIZE_UNKNOWN ? null : h.dataSize,
  };
}
