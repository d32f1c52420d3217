import type { ChunkRecord, SessionNotice } from '../src/protocol';

/** Everything the table can show: chunks, and notices (reconnects, HTTP errors) between them. */
export type Row = { kind: 'chunk'; record: ChunkRecord } | { kind: 'notice'; notice: SessionNotice };

export interface RowFilter {
  /** A compiled filter expression; null shows every row. */
  predicate: ((r: ChunkRecord) => boolean) | null;
  errorsOnly: boolean;
}

/** The rows, capped (oldest dropped, counted), and the filtered view the list renders. */
export class RowStore {
  private rows: Row[] = [];
  private view: Row[] | null = null;
  private filter: RowFilter = { predicate: null, errorsOnly: false };
  dropped = 0;

  constructor(public cap: number) {}

  get visible(): readonly Row[] {
    return this.view ?? this.rows;
  }
  get total(): number {
    return this.rows.length;
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
    this.view = this.view ? [] : null;
    this.dropped = 0;
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
    if (this.view) for (const row of added) if (this.matches(row)) this.view.push(row);
    const excess = this.rows.length - this.cap;
    if (excess > 0) {
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
