import type { ThumbnailInfo } from '../../src/protocol';
import { formatTime, type TimeZoneMode } from '../format';
import type { Span } from './timeline-canvas';

/** Thumbnails placed at their times above the timeline: an image, or the service's reason there is none. */
export class ThumbnailStrip {
  private items: ThumbnailInfo[] = [];
  zone: TimeZoneMode = 'utc';

  constructor(private readonly root: HTMLElement) {}

  clear(): void {
    this.items = [];
    this.root.replaceChildren();
  }

  add(items: readonly ThumbnailInfo[], span: Span): void {
    this.items.push(...items);
    for (const item of items) this.root.append(this.element(item, span));
  }

  /** After a zoom or pan: move what is shown until the new thumbnails arrive. */
  place(span: Span): void {
    const children = [...this.root.children] as HTMLElement[];
    children.forEach((el, i) => (el.style.left = `${this.left(this.items[i].timeMs, span)}%`));
  }

  private left(timeMs: number, span: Span): number {
    return ((timeMs - span.fromMs) / (span.toMs - span.fromMs)) * 100;
  }

  private element(item: ThumbnailInfo, span: Span): HTMLElement {
    const el = document.createElement('div');
    el.className = `thumb thumb-${item.error ?? 'image'}`;
    el.dataset.state = item.error ?? 'image';
    el.style.left = `${this.left(item.timeMs, span)}%`;
    el.title = `${formatTime(item.timeMs, this.zone)}${item.error ? `: ${item.error}` : ''}`;
    if (item.jpegBase64) {
      const canvas = document.createElement('canvas');
      el.append(canvas);
      void drawJpeg(canvas, item.jpegBase64);
    } else {
      el.textContent = item.error === 'NO_MEDIA' ? 'no media' : 'media error';
    }
    return el;
  }
}

/** Decodes the JPEG without a data: URL (the page's CSP allows none): bytes, a Blob, an ImageBitmap. */
async function drawJpeg(canvas: HTMLCanvasElement, base64: string): Promise<void> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
}
