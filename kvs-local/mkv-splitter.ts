import { Id } from '../src/core/ebml/ids';
import { element } from '../src/core/ebml/writer';
import { SIZE_UNKNOWN } from '../src/core/ebml/vint';
import { SEGMENT_LEVEL_IDS } from '../src/core/ebml/schema';
import { readElementHeader, readUint } from './ebml-bytes';

/**
 * Push-based split of Matroska bytes into the Segment-level elements a server stores: Info, Tracks, Tags,
 * Cluster (unknown-size clusters come out re-framed with a known size). Accepts any slicing of the input:
 * PutMedia bodies arrive in arbitrary pieces; seeded files arrive whole.
 */

export type SplitEvent =
  | { kind: 'ebml-header'; offset: number }
  | { kind: 'segment'; offset: number }
  /** A Cluster begins (its bytes may still be arriving); timecode when its Timecode element is already here. */
  | { kind: 'cluster-start'; offset: number; timecode: number | null }
  | { kind: 'element'; id: number; bytes: Uint8Array; offset: number };

export interface SplitFault {
  offset: number;
  message: string;
}

const MAX_ELEMENT = 256 * 1024 * 1024;

export class MkvSplitter {
  private store = new Uint8Array(0);
  private start = 0;
  private stop = 0;
  /** Absolute offset of buffer[0]. */
  private base = 0;
  private inSegment = false;
  /** Absolute end of a known-size Segment, or Infinity. */
  private segmentEnd = Infinity;
  /** Children of an unknown-size Cluster collected so far, or null outside one. */
  private openCluster: { offset: number; parts: Uint8Array[] } | null = null;
  private failure: SplitFault | null = null;
  /** Buffered bytes needed before parsing can make progress. */
  private need = 0;
  /** Offset of the last Cluster announced with 'cluster-start', so a cluster still arriving is announced once. */
  private announced = -1;

  get fault(): SplitFault | null {
    return this.failure;
  }

  push(bytes: Uint8Array): SplitEvent[] {
    if (this.failure) return [];
    this.append(bytes);
    // Parse only once the element in progress can be complete: tiny slices of a big element stay linear.
    if (this.stop - this.start < this.need) return [];
    return this.drain();
  }

  /** Copies into a growable store (pieces are not retained, so 1-byte slices cost no more than big ones). */
  private append(bytes: Uint8Array): void {
    if (this.stop + bytes.length > this.store.length) {
      const live = this.stop - this.start;
      const target =
        live + bytes.length > this.store.length / 2
          ? Math.max(64 * 1024, (live + bytes.length) * 2)
          : this.store.length;
      const next = target === this.store.length ? this.store : new Uint8Array(target);
      next.set(this.store.subarray(this.start, this.stop), 0);
      this.store = next;
      this.start = 0;
      this.stop = live;
    }
    this.store.set(bytes, this.stop);
    this.stop += bytes.length;
  }

  private get buffer(): Uint8Array {
    return this.store.subarray(this.start, this.stop);
  }

  private drain(): SplitEvent[] {
    const events: SplitEvent[] = [];
    try {
      this.parse(events);
    } catch (e) {
      this.failure = { offset: this.base, message: e instanceof Error ? e.message : String(e) };
    }
    return events;
  }

  /** The input ended: an open unknown-size Cluster is complete; leftover bytes are a cut-off element. */
  end(): SplitEvent[] {
    if (this.failure) return [];
    const events = this.drain();
    if (this.failure) return events;
    if (this.buffer.length > 0) {
      // A cut-off element means the open Cluster is cut off too: it never becomes a fragment.
      this.openCluster = null;
      this.failure = {
        offset: this.base,
        message: `the input ends inside an element (${this.buffer.length} bytes left over)`,
      };
      return events;
    }
    this.closeCluster(events);
    return events;
  }

  private consume(length: number): Uint8Array {
    const taken = this.store.subarray(this.start, this.start + length);
    this.start += length;
    this.base += length;
    return taken;
  }

  /** True (and remembers how many bytes) when the buffer does not hold `length` bytes yet. */
  private waitFor(length: number): boolean {
    if (this.buffer.length >= length) return false;
    this.need = length;
    return true;
  }

  private peekTimecode(at: number): number | null {
    const child = readElementHeader(this.buffer, at);
    if (!child || child.id !== Id.Timecode || child.size === SIZE_UNKNOWN || child.size > 8) return null;
    const start = at + child.headerLength;
    if (this.buffer.length < start + child.size) return null;
    return readUint(this.buffer, start, start + child.size);
  }

  private closeCluster(events: SplitEvent[]): void {
    const open = this.openCluster;
    if (!open) return;
    this.openCluster = null;
    events.push({ kind: 'element', id: Id.Cluster, bytes: element(Id.Cluster, ...open.parts), offset: open.offset });
  }

  private parse(events: SplitEvent[]): void {
    for (;;) {
      if (this.inSegment && this.base >= this.segmentEnd) {
        this.closeCluster(events);
        this.inSegment = false;
      }
      const header = readElementHeader(this.buffer, 0);
      if (!header) {
        this.need = this.buffer.length + 1;
        return;
      }
      const { id, size, headerLength } = header;
      if (size !== SIZE_UNKNOWN && size > MAX_ELEMENT)
        throw new RangeError(`element 0x${id.toString(16)} claims ${size} bytes, more than kvs-local accepts`);
      const offset = this.base;

      if (id === Id.EBML || id === Id.Segment) {
        this.closeCluster(events);
        if (id === Id.EBML) {
          if (size === SIZE_UNKNOWN) throw new RangeError('an EBML header of unknown size');
          if (this.waitFor(headerLength + size)) return;
          this.consume(headerLength + size);
          this.inSegment = false;
          events.push({ kind: 'ebml-header', offset });
        } else {
          this.consume(headerLength);
          this.inSegment = true;
          this.segmentEnd = size === SIZE_UNKNOWN ? Infinity : this.base + size;
          events.push({ kind: 'segment', offset });
        }
        continue;
      }
      if (!this.inSegment) {
        if (offset === 0)
          throw new RangeError('the input does not start with an EBML header or a Segment: not Matroska');
        throw new RangeError(`element 0x${id.toString(16)} outside any Segment`);
      }
      if (this.openCluster && !SEGMENT_LEVEL_IDS.has(id)) {
        if (size === SIZE_UNKNOWN)
          throw new RangeError(`element 0x${id.toString(16)} of unknown size inside a Cluster`);
        if (this.waitFor(headerLength + size)) return;
        this.openCluster.parts.push(this.consume(headerLength + size).slice());
        continue;
      }
      this.closeCluster(events);
      if (id === Id.Cluster && this.announced !== offset) {
        this.announced = offset;
        events.push({ kind: 'cluster-start', offset, timecode: this.peekTimecode(headerLength) });
      }
      if (id === Id.Cluster && size === SIZE_UNKNOWN) {
        this.consume(headerLength);
        this.openCluster = { offset, parts: [] };
        continue;
      }
      if (size === SIZE_UNKNOWN)
        throw new RangeError(`element 0x${id.toString(16)} of unknown size inside the Segment`);
      if (this.waitFor(headerLength + size)) return;
      const bytes = this.consume(headerLength + size).slice();
      if (id !== Id.Void && id !== Id.CRC32) events.push({ kind: 'element', id, bytes, offset });
    }
  }
}
