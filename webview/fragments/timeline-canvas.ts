import { formatTime, type TimeZoneMode } from '../format';
import { FLAG_COLOURS, type FlagKind } from './flags';
import { FragmentRows } from './fragment-rows';
import { startDrawing } from '../canvas-drawing';
import { oncePerFrame } from '../once-per-frame';

/**
 * The time axis with one mark per fragment (width = duration, colour = flag); wheel zooms, drag pans, click picks.
 * Marks that touch and look alike are drawn as one rectangle: zoomed out, 100,000 fragments fill a few hundred
 * pixels.
 */

export interface Span {
  fromMs: number;
  toMs: number;
}

const AXIS_HEIGHT = 18;
const MIN_SPAN_MS = 1000;

export class TimelineCanvas {
  private rows = FragmentRows.empty;
  span: Span = { fromMs: 0, toMs: 1 };
  selection: { from: number; to: number } | null = null;
  zone: TimeZoneMode = 'utc';
  private drag: { x: number; span: Span; moved: boolean } | null = null;
  readonly queue = oncePerFrame(() => this.draw());

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onPick: (index: number, extend: boolean) => void,
    private readonly onSpan: (span: Span) => void,
  ) {
    canvas.addEventListener('wheel', (e) => this.zoom(e), { passive: false });
    canvas.addEventListener('pointerdown', (e) => {
      this.drag = { x: e.clientX, span: { ...this.span }, moved: false };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => this.pan(e.clientX));
    canvas.addEventListener('pointerup', (e) => {
      const drag = this.drag;
      this.drag = null;
      if (drag && !drag.moved) this.pick(e.offsetX, e.shiftKey);
      else if (drag) this.onSpan(this.span);
    });
    new ResizeObserver(() => this.queue()).observe(canvas);
  }

  setRows(rows: FragmentRows, span: Span): void {
    this.rows = rows;
    this.span = span;
    this.queue();
  }

  private xOf(ms: number, width: number): number {
    return ((ms - this.span.fromMs) / (this.span.toMs - this.span.fromMs)) * width;
  }

  timeAt(x: number): number {
    return this.span.fromMs + (x / Math.max(1, this.canvas.clientWidth)) * (this.span.toMs - this.span.fromMs);
  }

  private zoom(e: WheelEvent): void {
    e.preventDefault();
    const at = this.timeAt(e.offsetX);
    const factor = e.deltaY > 0 ? 1.25 : 0.8;
    const from = at - (at - this.span.fromMs) * factor;
    const to = at + (this.span.toMs - at) * factor;
    if (to - from < MIN_SPAN_MS) return;
    this.span = { fromMs: from, toMs: to };
    this.queue();
    this.onSpan(this.span);
  }

  private pan(clientX: number): void {
    if (!this.drag) return;
    const dx = clientX - this.drag.x;
    if (Math.abs(dx) > 3) this.drag.moved = true;
    if (!this.drag.moved) return;
    const msPerPx = (this.drag.span.toMs - this.drag.span.fromMs) / Math.max(1, this.canvas.clientWidth);
    this.span = { fromMs: this.drag.span.fromMs - dx * msPerPx, toMs: this.drag.span.toMs - dx * msPerPx };
    this.queue();
  }

  /** The fragment under x, else the nearest one by start. */
  private pick(x: number, extend: boolean): void {
    if (this.rows.length === 0) return;
    const t = this.timeAt(x);
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rows.startMs(mid) <= t) lo = mid;
      else hi = mid - 1;
    }
    const next = Math.min(this.rows.length - 1, lo + 1);
    const index =
      Math.abs(this.rows.startMs(next) - t) < Math.abs(t - this.rows.startMs(lo) - this.rows.durationMs(lo))
        ? next
        : lo;
    this.onPick(index, extend);
  }

  private draw(): void {
    const drawing = startDrawing(this.canvas);
    if (!drawing) return;
    const { g, width, height, colour } = drawing;
    this.drawAxis(g, width, height, colour('--vscode-descriptionForeground', '#999'));
    const colours = Object.fromEntries(
      Object.entries(FLAG_COLOURS).map(([kind, c]) => [kind, colour(c.variable, c.fallback)]),
    ) as Record<FlagKind, string>;
    this.drawMarks(g, width, height, colours);
    this.drawGaps(g, width, height, colours.gap);
    g.globalAlpha = 1;
  }

  /** One rectangle per run of touching marks of one colour and selection state. */
  private drawMarks(
    g: CanvasRenderingContext2D,
    width: number,
    height: number,
    colours: Record<FlagKind, string>,
  ): void {
    const markTop = AXIS_HEIGHT + 4;
    const markHeight = height - markTop - 4;
    let run: { x: number; end: number; flag: FlagKind; selected: boolean } | null = null;
    const flush = (): void => {
      if (!run) return;
      g.fillStyle = colours[run.flag];
      g.globalAlpha = run.selected ? 1 : 0.75;
      g.fillRect(run.x, markTop + (run.selected ? 0 : 4), run.end - run.x, markHeight - (run.selected ? 0 : 8));
    };
    const { rows } = this;
    for (let i = this.firstVisible(); i < rows.length && rows.startMs(i) <= this.span.toMs; i++) {
      const x = this.xOf(rows.startMs(i), width);
      const end = x + Math.max(1, this.xOf(rows.startMs(i) + rows.durationMs(i), width) - x);
      const selected = this.selection !== null && i >= this.selection.from && i <= this.selection.to;
      const flag = rows.flag(i);
      if (run && run.flag === flag && run.selected === selected && x <= run.end) run.end = Math.max(run.end, end);
      else {
        flush();
        run = { x, end, flag, selected };
      }
    }
    flush();
  }

  /** The span before each fragment that has a gap before it, shaded in the gap colour. */
  private drawGaps(g: CanvasRenderingContext2D, width: number, height: number, colour: string): void {
    const markTop = AXIS_HEIGHT + 4;
    g.fillStyle = colour;
    g.globalAlpha = 0.18;
    const { rows } = this;
    for (let i = this.firstVisible(); i < rows.length && rows.startMs(i) <= this.span.toMs; i++) {
      const gap = rows.gapBeforeMs(i);
      if (gap <= 0) continue;
      const x = this.xOf(rows.startMs(i) - gap, width);
      g.fillRect(x, markTop, this.xOf(rows.startMs(i), width) - x, height - markTop - 4);
    }
  }

  private firstVisible(): number {
    let lo = 0;
    let hi = this.rows.length;
    const from = this.span.fromMs - 3_600_000;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows.startMs(mid) < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private drawAxis(g: CanvasRenderingContext2D, width: number, height: number, colour: string): void {
    g.fillStyle = colour;
    g.strokeStyle = colour;
    g.font = '11px sans-serif';
    g.globalAlpha = 0.6;
    g.fillRect(0, AXIS_HEIGHT, width, 1);
    const ticks = Math.max(2, Math.floor(width / 140));
    for (let i = 0; i <= ticks; i++) {
      const t = this.span.fromMs + ((this.span.toMs - this.span.fromMs) * i) / ticks;
      const x = (width * i) / ticks;
      g.fillRect(x, AXIS_HEIGHT - 4, 1, height);
      const label = formatTime(t, this.zone).slice(11, 19);
      g.fillText(label, Math.min(width - 50, x + 2), 12);
    }
    g.globalAlpha = 1;
  }
}
