import type { ChunkRecord, SessionNotice } from '../src/protocol';

/** Everything the table can show: chunks, and notices (reconnects, HTTP errors) between them. */
export type Row = { kind: 'chunk'; record: ChunkRecord } | { kind: 'notice'; notice: SessionNotice };

export interface RowFilter {
  text: string;
  errorsOnly: boolean;
}

/** The rows, capped (oldest dropped, counted), and the filtered view the list renders. */
export class RowStore {
  private rows: Row[] = [];
  private view: Row[] | null = null;
  private filter: RowFilter = { text: '', errorsOnly: false };
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
    this.filter = { text: filter.text.trim().toLowerCase(), errorsOnly: filter.errorsOnly };
    this.view = this.filter.text === '' && !this.filter.errorsOnly ? null : this.rows.filter((r) => this.matches(r));
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

  private matches(row: Row): boolean {
    const { text, errorsOnly } = this.filter;
    if (row.kind === 'notice')
      return !errorsOnly
        ? text === '' || row.notice.text.toLowerCase().includes(text)
        : row.notice.kind === 'http-error' || row.notice.kind === 'resync';
    const r = row.record;
    if (errorsOnly && r.errorId === null && !r.truncated) return false;
    if (text === '') return true;
    const haystack = [
      r.fragmentNumber,
      r.continuationToken,
      r.errorCode,
      r.errorMeaning,
      String(r.index),
      r.serverTimestampText,
      r.producerTimestampText,
      r.millisBehindNow === null ? null : String(r.millisBehindNow),
      r.errorId === null ? null : String(r.errorId),
      ...r.anomalies,
    ];
    if (haystack.some((h) => h !== null && h.toLowerCase().includes(text))) return true;
    return r.tags.some((t) => t.name.toLowerCase().includes(text) || t.value.toLowerCase().includes(text));
  }
}
