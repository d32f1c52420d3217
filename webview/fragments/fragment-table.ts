import { formatBytes, formatClock, formatTime, shortFragmentNumber, type TimeZoneMode } from '../format';
import { ROW_HEIGHT } from '../chunk-table';
import { flagText, formatSpan, mainFlag } from './flags';
import { FragmentRows } from './fragment-rows';
import { oncePerFrame } from '../once-per-frame';

export const FRAGMENT_COLUMNS = ['#', 'Fragment', 'Producer time', 'Server time', 'Skew', 'Duration', 'Size', 'Flags'];
const OVERSCAN = 8;

/** The fragments as a virtualized table (rows of the inspector's height): only the rows in view exist. */
export class FragmentTable {
  private rows = FragmentRows.empty;
  private readonly spacer = document.createElement('div');
  private readonly windowEl = document.createElement('div');
  readonly queue = oncePerFrame(() => this.render());
  zone: TimeZoneMode = 'utc';
  selection: { from: number; to: number } | null = null;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly onPick: (index: number, extend: boolean) => void,
  ) {
    this.spacer.className = 'spacer';
    this.windowEl.className = 'rows';
    this.spacer.append(this.windowEl);
    scroller.append(this.spacer);
    scroller.addEventListener('scroll', () => this.queue(), { passive: true });
    scroller.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (row) this.onPick(Number(row.dataset.index), e.shiftKey);
    });
    new ResizeObserver(() => this.queue()).observe(scroller);
  }

  setRows(rows: FragmentRows): void {
    this.rows = rows;
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.queue();
  }

  reveal(index: number): void {
    const top = index * ROW_HEIGHT;
    if (top < this.scroller.scrollTop || top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight)
      this.scroller.scrollTop = Math.max(0, top - this.scroller.clientHeight / 2);
    this.queue();
  }

  private render(): void {
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      this.rows.length,
      Math.ceil((this.scroller.scrollTop + this.scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN,
    );
    this.windowEl.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const out: HTMLElement[] = [];
    for (let i = first; i < last; i++) out.push(this.rowElement(i));
    this.windowEl.replaceChildren(...out);
  }

  private rowElement(i: number): HTMLElement {
    const r = this.rows.row(i);
    const el = document.createElement('div');
    const flag = mainFlag(r);
    const selected = this.selection !== null && i >= this.selection.from && i <= this.selection.to;
    el.className = `row fragment-row flag-${flag}${selected ? ' selected' : ''}`;
    el.dataset.index = String(i);
    el.dataset.fragment = r.number;
    el.setAttribute('role', 'row');
    const cells: Array<[string, string, string?]> = [
      [String(i + 1), 'index'],
      [shortFragmentNumber(r.number), 'fragment', r.number],
      [formatClock(r.producerMs, this.zone), 'producer', formatTime(r.producerMs, this.zone)],
      [formatClock(r.serverMs, this.zone), 'server', formatTime(r.serverMs, this.zone)],
      [formatSpan(r.skewMs), 'skew'],
      [formatSpan(r.durationMs), 'duration'],
      [formatBytes(r.sizeBytes), 'size'],
      [flagText(r), 'flags'],
    ];
    for (const [text, name, title] of cells) {
      const cell = document.createElement('span');
      cell.className = `cell c-${name}`;
      cell.textContent = text;
      if (title) cell.title = title;
      el.append(cell);
    }
    return el;
  }
}
