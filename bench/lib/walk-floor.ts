/**
 * The floor of any EBML reader in JavaScript: one function that walks every element header the
 * ChunkReader walks (ids and sizes, descending into the same masters, skipping every payload) and
 * does nothing else: no visitor, no records, no validation. What it costs over the plain read is
 * what reading the stream's structure costs at the least, before a single chunk field is filled.
 */
const DESCEND = new Set<number>([
  0x1a45dfa3, 0x18538067, 0x1549a966, 0x1654ae6b, 0xae, 0xe0, 0xe1, 0x1f43b675, 0xa0, 0x1254c367, 0x7373, 0x67c8,
]);

export class HeaderWalk {
  elements = 0;
  private skip = 0;
  private readonly carry = new Uint8Array(24);
  private carried = 0;

  push(bytes: Uint8Array): void {
    let i = 0;
    const n = bytes.length;
    if (this.carried > 0) {
      const take = Math.min(12, n);
      this.carry.set(bytes.subarray(0, take), this.carried);
      const used = this.header(this.carry, 0, this.carried + take);
      if (used === 0) {
        this.carried += take;
        return;
      }
      i = used - this.carried;
      this.carried = 0;
    }
    for (;;) {
      if (this.skip > 0) {
        const step = Math.min(this.skip, n - i);
        i += step;
        this.skip -= step;
      }
      if (i >= n) return;
      const used = this.header(bytes, i, n);
      if (used === 0) {
        this.carry.set(bytes.subarray(i, n), 0);
        this.carried = n - i;
        return;
      }
      i += used;
    }
  }

  /** Reads one header at `at`; returns its length (payload to skip set in `skip`), or 0 when cut off. */
  private header(bytes: Uint8Array, at: number, n: number): number {
    const idWidth = Math.clz32(bytes[at]) - 23;
    if (at + idWidth >= n) return 0;
    const sizeWidth = Math.clz32(bytes[at + idWidth]) - 23;
    if (at + idWidth + sizeWidth > n || idWidth < 1 || idWidth > 4 || sizeWidth < 1 || sizeWidth > 8) {
      if (at + idWidth + sizeWidth > n) return 0;
      throw new Error(`walk-floor: not EBML at a header (${idWidth}, ${sizeWidth})`);
    }
    let id = bytes[at];
    for (let k = 1; k < idWidth; k++) id = id * 256 + bytes[at + k];
    const s = at + idWidth;
    let size = bytes[s] & ((0x80 >> (sizeWidth - 1)) - 1);
    let unknown = size === (0x80 >> (sizeWidth - 1)) - 1;
    for (let k = 1; k < sizeWidth; k++) {
      const b = bytes[s + k];
      if (b !== 0xff) unknown = false;
      size = size * 256 + b;
    }
    this.elements++;
    if (!unknown && !DESCEND.has(id)) this.skip = size;
    return idWidth + sizeWidth;
  }
}
