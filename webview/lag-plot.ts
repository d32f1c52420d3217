import type { ChunkRecord } from '../src/protocol';

const MAX_POINTS = 600;

/** MILLIS_BEHIND_NOW (line, left axis) and bytes per fragment (bars, right axis) for the latest chunks, on a canvas. */
export class LagPlot {
  private queued = false;
  private records: ChunkRecord[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
  ) {
    new ResizeObserver(() => this.queue()).observe(canvas);
  }

  update(records: ChunkRecord[]): void {
    this.records = records.slice(-MAX_POINTS);
    this.queue();
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.draw();
    });
  }

  private draw(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0 || height === 0) return;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const style = getComputedStyle(this.canvas);
    const lagColor = style.getPropertyValue('--plot-lag').trim() || '#3794ff';
    const bytesColor = style.getPropertyValue('--plot-bytes').trim() || '#89d185';
    const errorColor = style.getPropertyValue('--plot-error').trim() || '#f14c4c';
    const textColor = style.getPropertyValue('--plot-text').trim() || '#999';
    const data = this.records;
    const lags = data.map((r) => r.millisBehindNow).filter((v): v is number => v !== null);
    const maxLag = Math.max(1, ...lags);
    const maxBytes = Math.max(1, ...data.map((r) => r.byteLength));
    const pad = { left: 4, right: 4, top: 14, bottom: 4 };
    const w = width - pad.left - pad.right;
    const h = height - pad.top - pad.bottom;
    // Few chunks spread over the width; many scroll in from the right.
    const step = w / Math.max(60, data.length);
    const x = (i: number): number => pad.left + w - (data.length - i) * step;
    ctx.globalAlpha = 0.5;
    for (const [i, r] of data.entries()) {
      const bh = (r.byteLength / maxBytes) * h;
      ctx.fillStyle = r.errorId !== null ? errorColor : bytesColor;
      ctx.fillRect(x(i), pad.top + h - bh, Math.max(1, step - 0.5), r.errorId !== null ? h : bh);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = lagColor;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (const [i, r] of data.entries()) {
      if (r.millisBehindNow === null) continue;
      const y = pad.top + h - (r.millisBehindNow / maxLag) * h;
      if (started) ctx.lineTo(x(i) + step / 2, y);
      else {
        ctx.moveTo(x(i) + step / 2, y);
        started = true;
      }
    }
    ctx.stroke();
    ctx.fillStyle = textColor;
    ctx.font = '10px sans-serif';
    ctx.fillText(`max ${maxLag.toLocaleString('en-US')} ms behind`, pad.left + 2, 10);
    const right = `max ${Math.round(maxBytes / 1024).toLocaleString('en-US')} KiB/fragment`;
    ctx.fillText(right, width - pad.right - ctx.measureText(right).width - 2, 10);
    this.legend.textContent = lags.length
      ? `last ${data.length} chunks; latest ${lags[lags.length - 1].toLocaleString('en-US')} ms behind now`
      : `last ${data.length} chunks; no MILLIS_BEHIND_NOW yet`;
  }
}
