import type { ChunkRecord, SessionNotice } from '../src/protocol';
import {
  formatBitrate,
  formatClock,
  formatCount,
  formatTime,
  shortFragmentNumber,
  visibleText,
  type TimeZoneMode,
} from './format';
import type { Row } from './row-store';
import { derivedFigures } from '../src/core/filter';
import { oncePerFrame } from './once-per-frame';

const NOTICE_ICONS: Record<SessionNotice['kind'], string> = {
  reconnect: '↻',
  'http-error': '⚠',
  resync: '⤼',
  info: 'ℹ',
};

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;

export const COLUMNS = [
  '#',
  'Fragment',
  'Producer time',
  'Server time',
  'Behind ms',
  'Duration',
  'Frames',
  'Keys',
  'Bytes',
  'Anomalies',
  'Skew ms',
  'FPS',
  'Bitrate',
] as const;

/** The columns a user can hide (the derived figures), by their cell class. */
export const HIDEABLE_COLUMNS = ['skewms', 'fps', 'bitrate'] as const;

interface RowElement {
  root: HTMLDivElement;
  cells: HTMLSpanElement[];
}

/**
 * The virtualized table: only the rows in view (plus a few) exist in the DOM, so 100,000 rows scroll like 100.
 * Follows the tail until the user scrolls up; scrolling back to the bottom follows again.
 */
export class ChunkTable {
  private rows: readonly Row[] = [];
  private readonly pool: RowElement[] = [];
  private readonly spacer: HTMLDivElement;
  private readonly windowEl: HTMLDivElement;
  private programmaticScroll = false;
  readonly queueRender = oncePerFrame(() => this.render());
  following = true;
  selectedIndex: number | null = null;
  zone: TimeZoneMode = 'utc';
  /** Extra classes for a chunk's row (the colouring rules). */
  rowClass: (r: ChunkRecord) => string = () => '';

  constructor(
    private readonly scroller: HTMLElement,
    private readonly onSelect: (row: Row | null) => void,
    private readonly onFollowChange: (following: boolean) => void,
  ) {
    this.spacer = document.createElement('div');
    this.spacer.className = 'spacer';
    this.windowEl = document.createElement('div');
    this.windowEl.className = 'rows';
    this.windowEl.id = 'chunk-rows';
    this.windowEl.setAttribute('role', 'rowgroup');
    this.spacer.append(this.windowEl);
    scroller.append(this.spacer);
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    scroller.addEventListener('click', (e) => this.onClick(e));
    scroller.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.render()).observe(scroller);
  }

  setRows(rows: readonly Row[]): void {
    this.rows = rows;
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    // Screen readers count every row, not the few in the DOM; the column header row is row 1.
    this.scroller.setAttribute('aria-rowcount', String(rows.length + 1));
    if (this.following) this.scrollToBottom();
    this.queueRender();
  }

  setFollowing(following: boolean): void {
    if (this.following !== following) {
      this.following = following;
      this.onFollowChange(following);
    }
    if (following) this.scrollToBottom();
  }

  select(index: number | null): void {
    this.selectedIndex = index;
    this.queueRender();
    const row = index === null ? null : (this.rows.find((r) => r.kind === 'chunk' && r.record.index === index) ?? null);
    this.onSelect(row);
  }

  /** Scrolls a chunk's row into the middle of the view (a click on the plot). */
  reveal(index: number): void {
    const position = this.rows.findIndex((r) => r.kind === 'chunk' && r.record.index === index);
    if (position < 0) return;
    this.scroller.scrollTop = Math.max(0, position * ROW_HEIGHT - this.scroller.clientHeight / 2);
  }

  render(): void {
    const height = this.scroller.clientHeight;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.scroller.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) this.pool.push(this.makeRow());
    this.windowEl.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    for (let i = 0; i < this.pool.length; i++) {
      const el = this.pool[i];
      if (i < needed) {
        this.fill(el, this.rows[first + i], first + i);
        if (!el.root.isConnected) this.windowEl.append(el.root);
        el.root.hidden = false;
      } else el.root.hidden = true;
    }
    const selected = this.pool.find((el) => !el.root.hidden && el.root.classList.contains('selected'));
    if (selected) this.scroller.setAttribute('aria-activedescendant', selected.root.id);
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  private makeRow(): RowElement {
    const root = document.createElement('div');
    root.setAttribute('role', 'row');
    const cells = COLUMNS.map((name) => {
      const cell = document.createElement('span');
      cell.className = `cell c-${name.replace(/[^a-z]/gi, '').toLowerCase() || 'index'}`;
      cell.setAttribute('role', 'gridcell');
      root.append(cell);
      return cell;
    });
    return { root, cells };
  }

  private fill(el: RowElement, row: Row, position: number): void {
    el.root.dataset.position = String(position);
    el.root.id = `chunk-row-${position}`;
    el.root.setAttribute('aria-rowindex', String(position + 2));
    if (row.kind === 'notice') {
      this.fillNotice(el, row.notice);
      return;
    }
    const r = row.record;
    el.root.className = `row${r.errorId !== null ? ' error' : ''}${r.truncated ? ' truncated' : ''}${r.index === this.selectedIndex ? ' selected' : ''}${this.rowClass(r)}`;
    el.root.dataset.index = String(r.index);
    el.root.setAttribute('aria-selected', String(r.index === this.selectedIndex));
    const values = this.cellTexts(r);
    for (let i = 0; i < el.cells.length; i++) {
      el.cells[i].hidden = false;
      el.cells[i].textContent = values[i];
    }
    el.cells[1].title = r.fragmentNumber ?? '';
    el.cells[2].title =
      r.producerTimestamp === null
        ? ''
        : `${formatTime(r.producerTimestamp, this.zone)} (tag ${r.producerTimestampText})`;
    el.cells[3].title =
      r.serverTimestamp === null ? '' : `${formatTime(r.serverTimestamp, this.zone)} (tag ${r.serverTimestampText})`;
    el.cells[9].title = r.errorMeaning ?? r.anomalies.join('\n');
  }

  private cellTexts(r: ChunkRecord): string[] {
    const figures = derivedFigures(r);
    const badges = [
      ...(r.errorId !== null ? [`ERROR ${r.errorId} ${r.errorCode ?? ''}`.trim()] : []),
      ...(r.truncated ? ['truncated'] : []),
      ...r.anomalies,
    ];
    return [
      // An error chunk has no fragment number: its error takes that cell, where even a narrow table shows it.
      String(r.index),
      r.fragmentNumber === null && r.errorId !== null ? `ERROR ${r.errorId}` : shortFragmentNumber(r.fragmentNumber),
      formatClock(r.producerTimestamp, this.zone),
      formatClock(r.serverTimestamp, this.zone),
      formatCount(r.millisBehindNow),
      r.durationMs === null ? '' : `${r.durationMs} ms`,
      String(r.frames),
      // Keys counts video keyframes: every audio frame is key, which would hide a GOP problem.
      String(figures.videoKeyframes),
      formatCount(r.byteLength),
      visibleText(badges.join(' · '), 200),
      formatCount(figures.skewMs),
      figures.fps === null ? '' : figures.fps.toFixed(2),
      formatBitrate(figures.bitrate),
    ];
  }

  private fillNotice(el: RowElement, notice: SessionNotice): void {
    el.root.className = `row notice notice-${notice.kind}`;
    delete el.root.dataset.index;
    el.root.removeAttribute('aria-selected');
    el.cells[0].textContent = NOTICE_ICONS[notice.kind];
    el.cells[1].textContent = `${formatTime(notice.at, this.zone)}  ${visibleText(notice.text, 400)}`;
    el.cells[1].title = notice.text;
    for (let i = 2; i < el.cells.length; i++) {
      el.cells[i].textContent = '';
      el.cells[i].hidden = true;
      el.cells[i].title = '';
    }
  }

  private scrollToBottom(): void {
    const target = Math.max(0, this.rows.length * ROW_HEIGHT - this.scroller.clientHeight);
    if (Math.abs(this.scroller.scrollTop - target) < 1) return;
    this.programmaticScroll = true;
    this.scroller.scrollTop = target;
  }

  private onScroll(): void {
    if (this.programmaticScroll) {
      this.programmaticScroll = false;
      this.queueRender();
      return;
    }
    const atBottom =
      this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - ROW_HEIGHT / 2;
    if (atBottom !== this.following) {
      this.following = atBottom;
      this.onFollowChange(atBottom);
    }
    this.queueRender();
  }

  private onClick(e: MouseEvent): void {
    const rowEl = (e.target as HTMLElement).closest<HTMLElement>('.row');
    if (!rowEl || rowEl.dataset.index === undefined) return;
    this.select(Number(rowEl.dataset.index));
    this.scroller.focus();
  }

  /** Arrows, Page Up/Down, Home/End move the selection through the chunk rows (notices are skipped). */
  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT) - 1);
    const current = this.rows.findIndex((r) => r.kind === 'chunk' && r.record.index === this.selectedIndex);
    const last = this.rows.length - 1;
    const moves: Record<string, [from: number, step: 1 | -1]> = {
      ArrowDown: [current + 1, 1],
      ArrowUp: [current < 0 ? last : current - 1, -1],
      PageDown: [Math.min(last, Math.max(0, current) + page), 1],
      PageUp: [Math.max(0, current - page), -1],
      Home: [0, 1],
      End: [last, -1],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const [from, step] = move;
    // A page move that lands on notices to the end looks back the other way; arrows stop at the ends.
    const target =
      this.chunkFrom(from, step) ?? (e.key.startsWith('Page') ? this.chunkFrom(from, step === 1 ? -1 : 1) : null);
    if (target === null) return;
    const row = this.rows[target];
    if (row.kind !== 'chunk') return;
    this.select(row.record.index);
    const top = target * ROW_HEIGHT;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight)
      this.scroller.scrollTop = top + ROW_HEIGHT - this.scroller.clientHeight;
  }

  private chunkFrom(from: number, step: 1 | -1): number | null {
    for (let p = from; p >= 0 && p < this.rows.length; p += step) if (this.rows[p].kind === 'chunk') return p;
    return null;
  }
}
