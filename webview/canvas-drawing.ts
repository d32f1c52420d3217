export interface CanvasDrawing {
  /** Draws in CSS pixels; the canvas holds device pixels. */
  g: CanvasRenderingContext2D;
  width: number;
  height: number;
  /** A theme colour by CSS variable, or `fallback` where the theme has none. */
  colour(variable: string, fallback: string): string;
}

/** The canvas resized to its box at the device's pixel ratio and cleared; null while it has no size. */
export function startDrawing(canvas: HTMLCanvasElement): CanvasDrawing | null {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (width === 0 || height === 0) return null;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const style = getComputedStyle(canvas);
  return { g, width, height, colour: (variable, fallback) => style.getPropertyValue(variable).trim() || fallback };
}
