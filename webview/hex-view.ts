import { oncePerFrame } from './once-per-frame';

/** A virtualized hex/ASCII view of a byte range; pages come from the host on demand. */

const BYTES_PER_ROW = 16;
const ROW_HEIGHT = 16;
const PAGE = 4096;
const MAX_PAGES = 256;
/** Browsers cap an element's height (~33M px in Chromium): beyond this the scrollbar maps proportionally. */
const MAX_SPACER = 4_000_000;

export interface HexCallbacks {
  requestPage(offset: number, length: number): void;
  /** A byte was clicked (absolute offset). */
  byteClicked(offset: number): void;
}

export class HexView {
  readonly root = document.createElement('div');
  private readonly spacer = document.createElement('div');
  private readonly rowsEl = document.createElement('div');
  private readonly pages = new Map<number, Uint8Array | 'pending'>();
  private start = 0;
  private length = 0;
  private selection: { from: number; to: number } | null = null;
  private readonly queue = oncePerFrame(() => this.render());

  constructor(private readonly callbacks: HexCallbacks) {
    this.root.className = 'hex';
    this.root.tabIndex = 0;
    this.root.setAttribute('aria-label', 'Bytes (hex and ASCII)');
    this.spacer.className = 'hex-spacer';
    this.rowsEl.className = 'hex-rows';
    this.spacer.append(this.rowsEl);
    this.root.append(this.spacer);
    this.root.addEventListener('scroll', () => this.queue(), { passive: true });
    this.root.addEventListener('click', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-offset]');
      if (cell) this.callbacks.byteClicked(Number(cell.dataset.offset));
    });
    new ResizeObserver(() => this.queue()).observe(this.root);
  }

  /** Shows `[start, start + length)` of the input. */
  show(start: number, length: number): void {
    this.start = start;
    this.length = length;
    this.pages.clear();
    this.selection = null;
    this.spacer.style.height = `${Math.min(MAX_SPACER, this.rowCount * ROW_HEIGHT)}px`;
    this.root.scrollTop = 0;
    this.queue();
  }

  /** Bytes the host sent for `offset`. */
  receive(offset: number, hex: string): void {
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    this.pages.set(offset, bytes);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as number);
    this.queue();
  }

  /** Highlights `[from, to)` and scrolls it into view. */
  select(from: number, to: number): void {
    this.selection = { from, to };
    const row = Math.floor((from - this.start) / BYTES_PER_ROW);
    this.root.scrollTop = this.scrollTopFor(row);
    this.queue();
  }

  private get rowCount(): number {
    return Math.ceil(this.length / BYTES_PER_ROW);
  }

  private get visibleRows(): number {
    return Math.ceil(this.root.clientHeight / ROW_HEIGHT) + 1;
  }

  private scrollTopFor(row: number): number {
    const total = this.rowCount * ROW_HEIGHT;
    if (total <= MAX_SPACER) return row * ROW_HEIGHT;
    const lastFirst = Math.max(1, this.rowCount - this.visibleRows);
    return (row / lastFirst) * (MAX_SPACER - this.root.clientHeight);
  }

  private firstRow(): number {
    const total = this.rowCount * ROW_HEIGHT;
    if (total <= MAX_SPACER) return Math.floor(this.root.scrollTop / ROW_HEIGHT);
    const fraction = this.root.scrollTop / Math.max(1, MAX_SPACER - this.root.clientHeight);
    return Math.round(fraction * Math.max(0, this.rowCount - this.visibleRows));
  }

  private byteAt(offset: number): number | null {
    const page = offset - ((offset - this.start) % PAGE);
    const data = this.pages.get(page);
    if (data === undefined) {
      this.pages.set(page, 'pending');
      this.callbacks.requestPage(page, Math.min(PAGE, this.start + this.length - page));
      return null;
    }
    return data === 'pending' ? null : (data[offset - page] ?? null);
  }

  private render(): void {
    const first = Math.max(0, Math.min(this.firstRow(), this.rowCount - 1));
    const count = Math.min(this.visibleRows, this.rowCount - first);
    // Rows sit where the scroll position shows them, whatever the scale of the scrollbar.
    this.rowsEl.style.transform = `translateY(${this.root.scrollTop}px)`;
    const rows: HTMLElement[] = [];
    for (let r = 0; r < count; r++) rows.push(this.renderRow(this.start + (first + r) * BYTES_PER_ROW));
    this.rowsEl.replaceChildren(...rows);
  }

  private renderRow(rowStart: number): HTMLElement {
    const row = document.createElement('div');
    row.className = 'hex-row';
    const address = document.createElement('span');
    address.className = 'hex-address';
    address.textContent = rowStart.toString(16).padStart(8, '0');
    const hex = document.createElement('span');
    hex.className = 'hex-bytes';
    const ascii = document.createElement('span');
    ascii.className = 'hex-ascii';
    const end = Math.min(rowStart + BYTES_PER_ROW, this.start + this.length);
    for (let o = rowStart; o < end; o++) {
      const value = this.byteAt(o);
      const selected = this.selection !== null && o >= this.selection.from && o < this.selection.to;
      const b = document.createElement('span');
      b.className = `byte${selected ? ' selected' : ''}`;
      b.dataset.offset = String(o);
      b.textContent = value === null ? '··' : value.toString(16).padStart(2, '0');
      const a = document.createElement('span');
      a.className = `char${selected ? ' selected' : ''}`;
      a.dataset.offset = String(o);
      a.textContent = value === null ? ' ' : value >= 0x20 && value < 0x7f ? String.fromCharCode(value) : '.';
      hex.append(b);
      ascii.append(a);
    }
    row.append(address, hex, ascii);
    return row;
  }
}
