import type { ReadFault } from '../getmedia/record';
import { Id } from './ids';
import { ROOT, MASTER_IDS, allowedParents, describeId } from './schema';
import { SIZE_TOO_LARGE, SIZE_UNKNOWN, isReservedId, readId, readSize, vintWidth } from './vint';
import { ChunkStartSearch, LOOKBACK, Lookback } from './resync';

/** One element as announced by its header. Offsets are absolute positions in the whole input. */
export interface ElementHeader {
  id: number;
  offset: number;
  headerSize: number;
  /** Payload size in bytes, or SIZE_UNKNOWN (-1). */
  dataSize: number;
  depth: number;
  parentId: number;
}

/**
 * What the reader reports while walking; a push-based SAX for EBML. Header objects are reused (a
 * master's, once it is closed, for the next master at its depth; a leaf's for the next leaf): keep
 * their fields, not the objects.
 */
export interface ElementVisitor {
  openMaster(header: ElementHeader): void;
  /** `end` is the absolute offset just past the element (for unknown sizes: where its successor began). */
  closeMaster(header: ElementHeader, end: number): void;
  /** How many leading payload bytes of this leaf to hand over (0 skips it without copying). */
  wantLeaf(header: ElementHeader): number;
  /**
   * The requested leading bytes are `bytes[start..end)`. `bytes` is the caller's input (or a buffer the
   * reader assembled when the value was split across pushes): read it during the call, never keep it.
   */
  leafValue(header: ElementHeader, bytes: Uint8Array, start: number, end: number): void;
  /** A leaf whose bytes were requested is complete (not called when the input ends inside it). */
  leafEnd(header: ElementHeader): void;
  /**
   * The bytes stopped making sense at `fault`; reading goes on at `at`, the next chunk start (an EBML header
   * or a Segment). Every element that was open is dropped without closeMaster.
   */
  resynced(fault: ReadFault, at: number): void;
}

/** An open master's header, with where it ends (one shape for every header the visitor sees). */
interface OpenElement extends ElementHeader {
  /** Absolute end: its own for a known size, else the nearest sized ancestor's (Infinity at the top). */
  limit: number;
}

const enum State {
  Header,
  Collect,
  Skip,
}
const MAX_HEADER = 12;
const MAX_DEPTH = 32;

/**
 * Push-based EBML reader: takes the input in any split, never copies a payload it was not asked
 * for, never allocates from a size it has not seen bytes for (leaf values are capped by the visitor).
 *
 * When the bytes stop making sense (an invalid id, an element where it cannot be, a size past its parent),
 * it searches for the next chunk start from the start of the top-level element it was in (at most LOOKBACK
 * bytes before the fault), drops what was open, and reads on from there (`resynced`). A fault becomes final
 * (`fault`) only when the input ends before a chunk start is found.
 */
export class EbmlReader {
  private readonly stack: OpenElement[] = [];
  /** One header object per depth, reused by every master opened there: no allocation per element. */
  private readonly headers: OpenElement[] = [];
  private state = State.Header;
  private position = 0;
  private readonly scratch = new Uint8Array(MAX_HEADER);
  private scratchLength = 0;
  private skipLeft = 0;
  private leaf: OpenElement | null = null;
  private collectBuffer: Uint8Array | null = null;
  private collected = 0;
  /** A fault just met by parse(); recover() turns it into a search. */
  private faultValue: ReadFault | null = null;
  /** The fault a search is recovering from, and the search. */
  private pendingFault: ReadFault | null = null;
  private search: ChunkStartSearch | null = null;
  private finalFault: ReadFault | null = null;
  private readonly lookback = new Lookback();
  private lastResync = -1;
  private collectWant = 0;
  private wanted = false;
  private readonly leafHeader: OpenElement = {
    id: 0,
    offset: 0,
    headerSize: 0,
    dataSize: 0,
    depth: 0,
    parentId: 0,
    limit: 0,
  };

  /** `masters`: the master ids to descend into; any other element of known size is a leaf to the visitor. */
  constructor(
    private readonly visitor: ElementVisitor,
    private readonly masters: ReadonlySet<number> = MASTER_IDS,
  ) {}

  /** Set when the input ended while searching for a chunk start after a fault: reading stopped there. */
  get fault(): ReadFault | null {
    return this.finalFault;
  }
  /** True while looking for the next chunk start after a fault. */
  get searching(): boolean {
    return this.search !== null;
  }
  /** Absolute offset of the next byte expected. */
  get bytesRead(): number {
    return this.position;
  }

  push(bytes: Uint8Array): void {
    if (this.finalFault) return;
    this.lookback.add(bytes);
    if (this.search === null) this.parse(bytes, 0);
    if (this.faultValue !== null || this.search !== null) this.recover();
  }

  /** Reads `bytes` from `i` (absolute offset `position`) until they are used up or a fault. */
  private parse(bytes: Uint8Array, from: number): void {
    let i = from;
    const n = bytes.length;
    while (i < n && this.faultValue === null) {
      if (this.state === State.Skip) {
        const take = Math.min(this.skipLeft, n - i);
        i += take;
        this.position += take;
        this.skipLeft -= take;
        if (this.skipLeft === 0) this.finishLeaf();
      } else if (this.state === State.Collect) {
        i += this.collectFrom(bytes, i, n);
      } else if (this.scratchLength === 0) {
        const used = this.parseHeader(bytes, i, n - i);
        if (used > 0) i += used;
        else if (used === 0) {
          this.scratch.set(bytes.subarray(i, n), 0);
          this.scratchLength = n - i;
          this.position += n - i;
          i = n;
        }
      } else {
        const before = this.scratchLength;
        const take = Math.min(MAX_HEADER - before, n - i);
        this.scratch.set(bytes.subarray(i, i + take), before);
        this.scratchLength += take;
        this.position -= before;
        const used = this.parseHeader(this.scratch, 0, this.scratchLength);
        if (used > 0) {
          i += used - before;
          this.scratchLength = 0;
        } else if (used === 0) {
          i += take;
          this.position += this.scratchLength;
        }
      }
    }
  }

  /** True when the input so far ends inside an element header, a leaf, or a sized master. */
  get endsMidElement(): boolean {
    if (this.state !== State.Header || this.scratchLength > 0) return true;
    return this.stack.some((open) => open.limit !== Infinity && open.limit > this.position);
  }

  /** After a fault: search, re-read from the chunk start found, and again after any further fault. */
  private recover(): void {
    for (;;) {
      if (this.faultValue !== null) this.startSearch(this.faultValue);
      const at = (this.search as ChunkStartSearch).run(this.lookback);
      if (at < 0) return;
      this.restart(at);
      const available = this.lookback.available;
      if (at < available && this.faultValue === null) {
        const view = this.lookback.slice(at);
        this.parse(view.bytes, view.start);
      }
      if (this.faultValue === null) return;
    }
  }

  private startSearch(fault: ReadFault): void {
    this.faultValue = null;
    this.pendingFault = fault;
    const within = this.stack.length > 0 ? this.stack[0].offset + 1 : fault.byteOffset;
    const from = Math.max(within, fault.byteOffset - LOOKBACK, this.lookback.floor, this.lastResync + 1);
    this.search = new ChunkStartSearch(from);
  }

  private restart(at: number): void {
    const fault = this.pendingFault as ReadFault;
    this.pendingFault = null;
    this.search = null;
    this.lastResync = at;
    this.stack.length = 0;
    this.state = State.Header;
    this.scratchLength = 0;
    this.skipLeft = 0;
    this.leaf = null;
    this.collectBuffer = null;
    this.position = at;
    this.visitor.resynced(fault, at);
  }

  /**
   * The input is over (call once). After a fault with no chunk start found since, the fault becomes final;
   * otherwise every open element is closed at the current position.
   */
  finish(): void {
    if (this.pendingFault) {
      this.finalFault = this.pendingFault;
      this.pendingFault = null;
      this.search = null;
      return;
    }
    const end = this.position;
    while (this.stack.length > 0) {
      const open = this.stack.pop() as OpenElement;
      this.visitor.closeMaster(open, Math.min(end, open.limit));
    }
  }

  /** Returns bytes used (> 0), 0 when more bytes are needed, -1 on a fault. `position` is at `at`. */
  private parseHeader(bytes: Uint8Array, at: number, available: number): number {
    const idWidth = vintWidth(bytes[at]);
    if (idWidth === 0 || idWidth > 4) {
      return this.fail(this.position, `invalid element id byte 0x${hex2(bytes[at])} (not an EBML id)`);
    }
    if (available <= idWidth) return 0;
    const sizeWidth = vintWidth(bytes[at + idWidth]);
    if (sizeWidth === 0) return this.fail(this.position + idWidth, 'invalid element size byte 0x00');
    const headerSize = idWidth + sizeWidth;
    if (available < headerSize) return 0;
    const id = readId(bytes, at, idWidth);
    if (isReservedId(id, idWidth))
      return this.fail(this.position, `reserved element id 0x${id.toString(16).toUpperCase()}`);
    const size = readSize(bytes, at + idWidth, sizeWidth);
    if (size === SIZE_TOO_LARGE) {
      return this.fail(this.position, `${describeId(id)} declares a size beyond 2^53 bytes`);
    }
    const offset = this.position;
    this.position += headerSize;
    this.startElement(id, offset, headerSize, size);
    return this.faultValue === null ? headerSize : -1;
  }

  private startElement(id: number, offset: number, headerSize: number, size: number): void {
    const parents = allowedParents(id);
    if (parents) this.closeUnknownSizedBefore(parents, offset);
    const depth = this.stack.length;
    const parent = depth > 0 ? this.stack[depth - 1] : undefined;
    if (!parent && id !== Id.EBML && id !== Id.Segment) {
      this.fail(offset, `expected an EBML header or a Segment, found ${describeId(id)}: not a Matroska/WebM stream`);
      return;
    }
    const end = size === SIZE_UNKNOWN ? Infinity : offset + headerSize + size;
    const limit = parent ? parent.limit : Infinity;
    if (end !== Infinity && end > limit) {
      this.fail(
        offset,
        `${describeId(id)} of ${size} bytes runs past the end of ${describeId(parent?.id ?? ROOT)} at byte ${limit}`,
      );
      return;
    }
    const parentId = parent ? parent.id : ROOT;
    // A master id where it cannot be (an EBML header inside a sized Cluster) is kept opaque, not descended.
    const misplaced = parents !== undefined && !parents.includes(parentId);
    if (misplaced && (size === SIZE_UNKNOWN || id === Id.EBML || id === Id.Segment)) {
      // A chunk start inside a chunk: the chunk before it was cut off (appended captures).
      this.fail(offset, `${describeId(id)} cannot appear inside ${describeId(parentId)}`);
      return;
    }
    if ((this.masters.has(id) && !misplaced) || size === SIZE_UNKNOWN) {
      if (depth >= MAX_DEPTH) {
        this.fail(offset, `elements nested deeper than ${MAX_DEPTH} levels`);
        return;
      }
      const header = this.headerAt(depth);
      header.id = id;
      header.offset = offset;
      header.headerSize = headerSize;
      header.dataSize = size;
      header.depth = depth;
      header.parentId = parentId;
      header.limit = Math.min(end, limit);
      this.stack.push(header);
      this.visitor.openMaster(header);
      this.closeEnded();
      return;
    }
    // Leaves far outnumber masters: one header object is reused for them (hence "valid only during the call").
    const header = this.leafHeader;
    header.id = id;
    header.offset = offset;
    header.headerSize = headerSize;
    header.dataSize = size;
    header.depth = depth;
    header.parentId = parentId;
    const want = Math.min(this.visitor.wantLeaf(header), size);
    this.leaf = header;
    this.wanted = want > 0;
    this.skipLeft = size - want;
    if (want > 0) {
      this.state = State.Collect;
      this.collectBuffer = null;
      this.collected = 0;
      this.collectWant = want;
    } else if (this.skipLeft > 0) {
      this.state = State.Skip;
    } else {
      this.finishLeaf();
    }
  }

  private headerAt(depth: number): OpenElement {
    let header = this.headers[depth];
    if (header === undefined) {
      header = { id: 0, offset: 0, headerSize: 0, dataSize: 0, depth, parentId: 0, limit: 0 };
      this.headers[depth] = header;
    }
    return header;
  }

  /** Gathers the wanted leaf bytes; hands a view of the input over when they are all in one push. */
  private collectFrom(bytes: Uint8Array, i: number, n: number): number {
    const leaf = this.leaf as OpenElement;
    const missing = this.collectWant - this.collected;
    if (this.collected === 0 && n - i >= missing) {
      this.position += missing;
      this.visitor.leafValue(leaf, bytes, i, i + missing);
      this.afterCollect();
      return missing;
    }
    const take = Math.min(missing, n - i);
    this.collectBuffer ??= new Uint8Array(this.collectWant);
    this.collectBuffer.set(bytes.subarray(i, i + take), this.collected);
    this.collected += take;
    this.position += take;
    if (this.collected === this.collectWant) {
      const value = this.collectBuffer;
      this.collectBuffer = null;
      this.visitor.leafValue(leaf, value, 0, value.length);
      this.afterCollect();
    }
    return take;
  }

  private afterCollect(): void {
    if (this.skipLeft > 0) this.state = State.Skip;
    else this.finishLeaf();
  }

  private finishLeaf(): void {
    const leaf = this.leaf;
    this.state = State.Header;
    this.leaf = null;
    if (leaf && this.wanted) this.visitor.leafEnd(leaf);
    this.closeEnded();
  }

  private closeEnded(): void {
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.limit > this.position) return;
      this.stack.pop();
      this.visitor.closeMaster(top, top.limit);
    }
  }

  /** An element of unknown size ends where an element arrives that cannot be inside it. */
  private closeUnknownSizedBefore(parents: readonly number[], offset: number): void {
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.dataSize !== SIZE_UNKNOWN || parents.includes(top.id)) return;
      this.stack.pop();
      this.visitor.closeMaster(top, offset);
    }
  }

  private fail(byteOffset: number, message: string): -1 {
    this.faultValue ??= { byteOffset, message };
    return -1;
  }
}

function hex2(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
