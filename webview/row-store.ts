import type { ChunkRecord, SessionNotice } from '../src/protocol';

/** Everything the table can show: chunks, and notices (reconnects, HTTP errors) between them. */
export type Row = { kind: 'chunk'; record: ChunkRecord } | { kind: 'notice'; notice: SessionNotice };

export interface RowFilter {
  /** A compiled filter expression; null shows every row. */
  predicate: ((r: ChunkRecord) => boolean) | null;
  errorsOnly: boolean;
}

/**
 * What the rows may hold, as estimated by rowBytes: 50,000 ordinary rows come to about 80 MiB, but a record may
 * carry 64 KiB of tag text, and 50,000 of those would be gigabytes. Past this the oldest rows go, as past the cap.
 */
const ROW_BYTES_BUDGET = 256 * 1024 * 1024;
/** A record's fields, arrays and numbers apart from its text. */
const ROW_OVERHEAD = 1024;

/** About what a row holds in the webview's heap: its text at two bytes a character, and a fixed overhead. */
export function rowBytes(row: Row): number {
  if (row.kind === 'notice') return ROW_OVERHEAD + 2 * row.notice.text.length;
  const r = row.record;
  let chars = (r.continuationToken?.length ?? 0) + (r.errorMeaning?.length ?? 0);
  for (const t of r.tags) chars += t.name.length + t.value.length;
  for (const a of r.anomalies) chars += a.length;
  for (const t of r.tracks) chars += (t.codecId?.length ?? 0) + (t.name?.length ?? 0);
  return ROW_OVERHEAD + 2 * chars;
}

/** The rows, capped by count and by size (oldest dropped, counted), and the filtered view the list renders. */
export class RowStore {
  private rows: Row[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  private view: Row[] | null = null;
  private filter: RowFilter = { predicate: null, errorsOnly: false };
  dropped = 0;
  /** Rows went because of their size, not their count (the header says which). */
  droppedForSize = false;

  constructor(
    public cap: number,
    readonly byteBudget = ROW_BYTES_BUDGET,
  ) {}

  get visible(): readonly Row[] {
    return this.view ?? this.rows;
  }
  get total(): number {
    return this.rows.length;
  }
  /** The rows' estimated size (rowBytes). */
  get heldBytes(): number {
    return this.bytes;
  }

  addRecords(records: readonly ChunkRecord[]): void {
    const added: Row[] = [];
    for (const record of records) {
      const row: Row = { kind: 'chunk', record };
      this.rows.push(row);
      added.push(row);
    }
    this.afterAdd(added);
  }

  addNotice(notice: SessionNotice): void {
    const row: Row = { kind: 'notice', notice };
    this.rows.push(row);
    this.afterAdd([row]);
  }

  clear(): void {
    this.rows = [];
    this.sizes = [];
    this.bytes = 0;
    this.view = this.view ? [] : null;
    this.dropped = 0;
    this.droppedForSize = false;
  }

  setFilter(filter: RowFilter): void {
    this.filter = filter;
    this.view = !filter.predicate && !filter.errorsOnly ? null : this.rows.filter((r) => this.matches(r));
  }

  /** A chunk's record by index (the row before a copied one, for its continuation token). */
  findByIndex(index: number): ChunkRecord | null {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const row = this.rows[i];
      if (row.kind === 'chunk' && row.record.index === index) return row.record;
      if (row.kind === 'chunk' && row.record.index < index) break;
    }
    return null;
  }

  /** The last N chunk records (for the plot). */
  lastRecords(count: number): ChunkRecord[] {
    const out: ChunkRecord[] = [];
    for (let i = this.rows.length - 1; i >= 0 && out.length < count; i--) {
      const row = this.rows[i];
      if (row.kind === 'chunk') out.push(row.record);
    }
    return out.reverse();
  }

  private afterAdd(added: Row[]): void {
    for (const row of added) {
      const size = rowBytes(row);
      this.sizes.push(size);
      this.bytes += size;
    }
    if (this.view) for (const row of added) if (this.matches(row)) this.view.push(row);
    let excess = Math.max(0, this.rows.length - this.cap);
    let freed = 0;
    for (let i = 0; i < excess; i++) freed += this.sizes[i];
    // The newest row always stays, however large.
    while (this.bytes - freed > this.byteBudget && excess < this.rows.length - 1) {
      freed += this.sizes[excess++];
      this.droppedForSize = true;
    }
    if (excess > 0) {
      this.sizes.splice(0, excess);
      this.bytes -= freed;
      const removed = this.rows.splice(0, excess);
      this.dropped += removed.filter((r) => r.kind === 'chunk').length;
      if (this.view) {
        const gone = new Set(removed);
        let cut = 0;
        while (cut < this.view.length && gone.has(this.view[cut])) cut++;
        if (cut) this.view.splice(0, cut);
      }
    }
  }

  /** Notices are not chunks: an expression hides them; Errors only keeps HTTP errors and resyncs. */
  private matches(row: Row): boolean {
    const { predicate, errorsOnly } = this.filter;
    if (row.kind === 'notice')
      return errorsOnly ? row.notice.kind === 'http-error' || row.notice.kind === 'resync' : predicate === null;
    const r = row.record;
    if (errorsOnly && r.errorId === null && !r.truncated) return false;
    return predicate === null || predicate(r);
  }
}
