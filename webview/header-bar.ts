import {
  NO_CAPTURE,
  type Banner,
  type CaptureState,
  type InspectorSource,
  type SessionStats,
  type WebviewToHost,
} from '../src/protocol';
import { button, el, type Control } from './dom';
import { formatBytes, formatCount, formatRate, visibleText } from './format';

export interface HeaderCallbacks {
  post(message: WebviewToHost): void;
  filterChanged(text: string, errorsOnly: boolean): void;
  /** Enter or leaving the box: the expression is worth remembering. */
  filterCommitted?(text: string): void;
  zoneToggled(): void;
  followToggled(): void;
}

/** Title, state and numbers, the toolbar (Stop / Resume / Clear / Save capture / Filter) and the banner. */
export class HeaderBar {
  private readonly title = el('div', 'title');
  private readonly statePill = el('span', 'state');
  private readonly numbers = el('span', 'numbers');
  private readonly captureNote = el('span', 'capture-note');
  private readonly bannerEl = el('div', 'banner');
  private readonly droppedNote = el('div', 'dropped');
  private readonly stop: Control;
  private readonly resume: Control;
  private readonly save: Control;
  private readonly zone: Control;
  private readonly follow: Control;
  private readonly filter: Control;
  private readonly errorsOnly: Control;
  private capture: CaptureState = NO_CAPTURE;
  private canStream = true;
  private readonly post: (message: WebviewToHost) => void;
  private isFile = false;

  constructor(root: HTMLElement, cb: HeaderCallbacks) {
    this.post = cb.post;
    this.stop = button('Stop', () => cb.post({ type: 'stop' }));
    this.resume = button('Resume', () => cb.post({ type: 'resume' }));
    const clear = button('Clear', () => cb.post({ type: 'clear' }));
    this.save = button('Save capture…', () =>
      cb.post(this.capture.saving ? { type: 'stopCapture' } : { type: 'saveCapture' }),
    );
    this.zone = button('UTC', () => cb.zoneToggled());
    this.follow = button('Following', () => cb.followToggled());
    this.filter = document.createElement('vscode-textfield') as Control;
    this.filter.className = 'filter';
    this.filter.setAttribute(
      'placeholder',
      'Filter: keyframes == 0 || behind > 5000, tag.camera == "lobby", or a word',
    );
    this.filter.setAttribute('aria-label', 'Filter rows');
    this.errorsOnly = document.createElement('vscode-checkbox') as Control;
    this.errorsOnly.setAttribute('label', 'Errors only');
    this.errorsOnly.className = 'errors-only';
    let debounce: number | undefined;
    const changed = (): void => {
      clearTimeout(debounce);
      debounce = window.setTimeout(
        () => cb.filterChanged(String(this.filter.value ?? ''), Boolean(this.errorsOnly.checked)),
        120,
      );
    };
    this.filter.addEventListener('input', changed);
    this.filter.addEventListener('change', () => cb.filterCommitted?.(String(this.filter.value ?? '')));
    this.errorsOnly.addEventListener('change', changed);
    const status = el('div', 'status');
    status.append(this.statePill, this.numbers, this.captureNote);
    const toolbar = el('div', 'toolbar');
    toolbar.append(this.stop, this.resume, clear, this.save, this.filter, this.errorsOnly, this.zone, this.follow);
    this.bannerEl.hidden = true;
    this.droppedNote.hidden = true;
    root.append(this.title, status, toolbar, this.bannerEl, this.droppedNote);
  }

  setSource(source: InspectorSource, canStream: boolean): void {
    this.canStream = canStream;
    this.isFile = source.kind === 'file';
    this.title.textContent =
      source.kind === 'stream'
        ? `${source.streamName} · ${source.profile} · ${source.region} · from ${source.selector}`
        : `${source.fileName} · ${formatBytes(source.sizeBytes)}`;
    this.resume.hidden = !canStream;
    this.stop.hidden = !canStream;
    this.save.hidden = !canStream;
    for (const b of this.follow.parentElement?.querySelectorAll<HTMLElement>('.stream-only') ?? [])
      b.hidden = !canStream;
  }

  setStats(s: SessionStats): void {
    const label = s.state === 'idle' ? `idle ${s.idleSeconds} s` : s.state;
    this.statePill.textContent = label;
    this.statePill.className = `state state-${s.state}`;
    this.statePill.title = s.detail ?? '';
    // A file is read, not received: its rates are read rates, and its lag is what the capture recorded.
    const read = this.isFile ? 'read ' : '';
    const parts = [
      `${formatBytes(s.bytes)}`,
      `${read}${formatRate(s.bytesPerSecond)}`,
      `${read}${s.chunksPerSecond.toFixed(1)} chunks/s`,
      `${formatCount(s.chunks)} chunks`,
    ];
    if (s.millisBehindNow !== null)
      parts.push(
        this.isFile
          ? `MILLIS_BEHIND_NOW at capture: ${formatCount(s.millisBehindNow)} ms`
          : `${formatCount(s.millisBehindNow)} ms behind now`,
      );
    if (s.reconnects) parts.push(`${s.reconnects} reconnect${s.reconnects === 1 ? '' : 's'}`);
    if (s.detail && (s.state === 'reconnecting' || s.state === 'failed' || s.state === 'stopped'))
      parts.push(visibleText(s.detail, 300));
    this.numbers.textContent = parts.join(' · ');
    const live =
      s.state === 'connecting' || s.state === 'streaming' || s.state === 'idle' || s.state === 'reconnecting';
    this.stop.disabled = !live || !this.canStream;
    this.resume.disabled = live || !this.canStream;
  }

  setCapture(c: CaptureState): void {
    this.capture = c;
    this.save.textContent = c.saving ? 'Stop saving' : 'Save capture…';
    this.captureNote.textContent = c.error
      ? `capture failed: ${c.error}`
      : c.fileName
        ? `${c.saving ? 'saving' : 'saved'} ${formatBytes(c.bytesWritten)} to ${c.fileName}`
        : '';
    this.captureNote.classList.toggle('failed', c.error !== null);
  }

  setBanner(banner: Banner | null): void {
    this.bannerEl.replaceChildren();
    this.bannerEl.hidden = banner === null;
    if (!banner) return;
    this.bannerEl.className = `banner banner-${banner.level}`;
    const close = button('Dismiss', () => this.setBanner(null));
    close.classList.add('banner-close');
    this.bannerEl.append(
      el('strong', 'banner-title', visibleText(banner.title, 400)),
      el('div', 'banner-meaning', visibleText(banner.meaning, 1000)),
      el('div', 'banner-todo', visibleText(banner.whatToDo, 1000)),
      this.logsLink(),
      close,
    );
  }

  /** Every banner leads to the "KVS Inspector" output channel, where the calls behind it are logged. */
  private logsLink(): HTMLAnchorElement {
    const link = el('a', 'banner-logs', 'Show logs (KVS Inspector output)');
    link.href = '#';
    link.addEventListener('click', (e) => {
      e.preventDefault();
      this.post({ type: 'showLogs' });
    });
    return link;
  }

  setDropped(dropped: number, cap: number, bySize: boolean, budgetBytes: number): void {
    this.droppedNote.hidden = dropped === 0;
    this.droppedNote.textContent = bySize
      ? `${formatCount(dropped)} oldest chunks dropped to keep the rows under ${formatCount(budgetBytes / 2 ** 20)} MiB (their tags are large) and ${formatCount(cap)} rows (setting kvsInspector.maxRows).`
      : `${formatCount(dropped)} oldest chunks dropped to keep ${formatCount(cap)} rows (setting kvsInspector.maxRows).`;
  }

  /** A control at the end of the toolbar. */
  addControl(control: HTMLElement): void {
    this.follow.parentElement?.append(control);
  }

  /** A button at the end of the toolbar, shown for live streams only. */
  addStreamButton(label: string, onClick: () => void): void {
    const b = button(label, onClick, { secondary: true });
    b.classList.add('stream-only');
    this.follow.after(b);
  }

  /** Puts `text` in the filter box (a recent filter chosen) and applies it. */
  setFilterText(text: string): void {
    this.filter.value = text;
    this.filter.dispatchEvent(new Event('input'));
  }

  /** Extra controls after the filter box, and a line under the toolbar (the filter's error). */
  addFilterParts(control: HTMLElement, line: HTMLElement): void {
    this.filter.after(control);
    this.bannerEl.before(line);
  }

  setFilterInvalid(invalid: boolean): void {
    this.filter.toggleAttribute('invalid', invalid);
  }

  setZone(zone: 'utc' | 'local'): void {
    this.zone.textContent = zone === 'utc' ? 'UTC' : 'Local time';
  }
  setFollowing(following: boolean): void {
    this.follow.textContent = following ? 'Following' : 'Follow tail';
    this.follow.toggleAttribute('secondary', !following);
  }
}
