import type { ChunkRecord } from '../src/protocol';
import { formatBytes, formatCount, formatTime, shortFragmentNumber } from './format';
import { startDrawing } from './canvas-drawing';
import { oncePerFrame } from './once-per-frame';

const MAX_POINTS = 2000;
const MIN_HEIGHT = 40;
const MAX_HEIGHT = 600;
const PAD = { left: 4, right: 4, top: 14, bottom: 14 };

export interface PlotCallbacks {
  /** A click on a fragment's bar. */
  select(index: number): void;
  /** The user dragged the plot to this height (px). */
  resized(height: number): void;
}

interface Placed {
  record: ChunkRecord;
  x0: number;
  x1: number;
}

/**
 * Fragments on a server-time axis: bytes per fragment as bars spanning their duration, MILLIS_BEHIND_NOW as a
 * line broken where time has a gap. Hover names the fragment, a click selects its row, the bottom edge drags.
 */
export class LagPlot {
  private readonly queue = oncePerFrame(() => this.draw());
  private records: ChunkRecord[] = [];
  private placed: Placed[] = [];
  private hovered: ChunkRecord | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
    private readonly callbacks?: PlotCallbacks,
  ) {
    new ResizeObserver(() => this.queue()).observe(canvas);
    canvas.addEventListener('mousemove', (e) => this.hover(e.offsetX));
    canvas.addEventListener('mouseleave', () => {
      this.hovered = null;
      this.queue();
    });
    canvas.addEventListener('click', (e) => {
      const hit = this.at(e.offsetX);
      if (hit) this.callbacks?.select(hit.index);
    });
    const box = canvas.parentElement;
    if (box) this.addResizer(box);
  }

  update(records: ChunkRecord[]): void {
    this.records = records.filter((r) => r.serverTimestamp !== null).slice(-MAX_POINTS);
    this.queue();
  }

  /** Sets the plot's height (a saved choice), within bounds. */
  setHeight(height: number): void {
    const box = this.canvas.parentElement;
    if (box) box.style.height = `${Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(height)))}px`;
  }

  private addResizer(box: HTMLElement): void {
    const handle = document.createElement('div');
    handle.className = 'plot-resizer';
    handle.setAttribute('role', 'separator');
    handle.setAttribute('aria-label', 'Drag to resize the plot');
    box.append(handle);
    handle.addEventListener('pointerdown', (down) => {
      down.preventDefault();
      handle.setPointerCapture(down.pointerId);
      const startY = down.clientY;
      const startHeight = box.getBoundingClientRect().height;
      const move = (e: PointerEvent): void => this.setHeight(startHeight + e.clientY - startY);
      const up = (): void => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        this.callbacks?.resized(box.getBoundingClientRect().height);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
  }

  private at(x: number): ChunkRecord | null {
    let best: Placed | null = null;
    let distance = Infinity;
    for (const p of this.placed) {
      const d = x < p.x0 ? p.x0 - x : x > p.x1 ? x - p.x1 : 0;
      if (d < distance) {
        distance = d;
        best = p;
      }
    }
    return best && distance <= 6 ? best.record : null;
  }

  private hover(x: number): void {
    const hit = this.at(x);
    if (hit === this.hovered) return;
    this.hovered = hit;
    this.queue();
  }

  private draw(): void {
    const drawing = startDrawing(this.canvas);
    if (!drawing) return;
    const { g: ctx, width, height, colour: color } = drawing;
    const data = this.records;
    const w = width - PAD.left - PAD.right;
    const h = height - PAD.top - PAD.bottom;
    const start = data.length ? (data[0].serverTimestamp ?? 0) : 0;
    const last = data[data.length - 1];
    const end = last ? (last.serverTimestamp ?? 0) + Math.max(1, last.durationMs ?? 0) : 1;
    const span = Math.max(1, end - start);
    const x = (t: number): number => PAD.left + ((t - start) / span) * w;
    this.placed = data.map((r) => {
      const t = r.serverTimestamp ?? 0;
      const x0 = x(t);
      return { record: r, x0, x1: Math.max(x0 + 1, x(t + (r.durationMs ?? 0))) };
    });
    this.drawBars(ctx, h, color('--plot-bytes', '#89d185'), color('--plot-error', '#f14c4c'));
    const maxLag = this.drawLag(ctx, h, color('--plot-lag', '#3794ff'));
    ctx.fillStyle = color('--plot-text', '#999');
    ctx.font = '10px sans-serif';
    ctx.fillText(`max ${formatCount(maxLag)} ms behind`, PAD.left + 2, 10);
    const maxBytes = Math.max(1, ...data.map((r) => r.byteLength));
    const right = `max ${formatBytes(maxBytes)}/fragment`;
    ctx.fillText(right, width - PAD.right - ctx.measureText(right).width - 2, 10);
    if (data.length) {
      ctx.fillText(`${formatTime(start, 'utc').slice(11)} server time`, PAD.left + 2, height - 3);
      const endText = formatTime(end, 'utc').slice(11);
      ctx.fillText(endText, width - PAD.right - ctx.measureText(endText).width - 2, height - 3);
    }
    this.legend.textContent = this.legendText();
  }

  private drawBars(ctx: CanvasRenderingContext2D, h: number, bytesColor: string, errorColor: string): void {
    const maxBytes = Math.max(1, ...this.placed.map((p) => p.record.byteLength));
    for (const p of this.placed) {
      const r = p.record;
      const bh = r.errorId !== null ? h : (r.byteLength / maxBytes) * h;
      ctx.globalAlpha = r === this.hovered ? 0.95 : 0.5;
      ctx.fillStyle = r.errorId !== null ? errorColor : bytesColor;
      ctx.fillRect(p.x0, PAD.top + h - bh, Math.max(1, p.x1 - p.x0 - 0.5), bh);
    }
    ctx.globalAlpha = 1;
  }

  /** The lag line, lifted where the next fragment starts well after this one ends (a gap in time). */
  private drawLag(ctx: CanvasRenderingContext2D, h: number, lagColor: string): number {
    const lags = this.placed.map((p) => p.record.millisBehindNow).filter((v): v is number => v !== null);
    const maxLag = Math.max(1, ...lags);
    ctx.strokeStyle = lagColor;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let previous: ChunkRecord | null = null;
    for (const p of this.placed) {
      const r = p.record;
      if (r.millisBehindNow === null) continue;
      const y = PAD.top + h - (r.millisBehindNow / maxLag) * h;
      const mid = (p.x0 + p.x1) / 2;
      if (previous && !isGap(previous, r)) ctx.lineTo(mid, y);
      else ctx.moveTo(mid, y);
      previous = r;
    }
    ctx.stroke();
    return maxLag;
  }

  private legendText(): string {
    const r = this.hovered;
    if (r)
      return `#${r.index} fragment ${shortFragmentNumber(r.fragmentNumber) || '—'} · ${formatTime(r.serverTimestamp, 'utc')} · ${r.millisBehindNow === null ? 'no lag tag' : `${formatCount(r.millisBehindNow)} ms behind`} · ${formatBytes(r.byteLength)}`;
    const lags = this.records.map((x) => x.millisBehindNow).filter((v): v is number => v !== null);
    return lags.length
      ? `${this.records.length} fragments by server time; latest ${formatCount(lags[lags.length - 1])} ms behind`
      : `${this.records.length} fragments by server time; no MILLIS_BEHIND_NOW yet`;
  }
}

/** The next fragment starts more than a second (or two fragment lengths) after this one ends. */
function isGap(a: ChunkRecord, b: ChunkRecord): boolean {
  const aEnd = (a.serverTimestamp ?? 0) + (a.durationMs ?? 0);
  return (b.serverTimestamp ?? 0) - aEnd > Math.max(1000, 2 * (a.durationMs ?? 0));
}
