import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { FragmentsToHost, HostToFragments, TimelineSummary } from '../../src/protocol';
import { button, el } from '../dom';
import { formatBytes, formatCount, formatTime, type TimeZoneMode } from '../format';
import { FLAG_COLOURS, FLAG_NAMES, formatSpan } from './flags';
import { checkTimelineColumns, FragmentRows } from './fragment-rows';
import { FRAGMENT_COLUMNS, FragmentTable } from './fragment-table';
import { ThumbnailStrip } from './thumbnail-strip';
import { TimelineCanvas, type Span } from './timeline-canvas';
import { renderWhy } from './why-panel';

interface VsCodeApi {
  postMessage(message: FragmentsToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: FragmentsToHost): void => vscode.postMessage(m);
const saved = vscode.getState() as { zone?: TimeZoneMode } | undefined;
let zone: TimeZoneMode = saved?.zone === 'local' ? 'local' : 'utc';
let rows = FragmentRows.empty;
let selection: { from: number; to: number } | null = null;
let anchor: number | null = null;
let thumbRequest = 0;
let thumbTimer: number | undefined;

const app = el('div', 'app fragments-app');
const header = el('header', '');
const title = el('div', 'title', 'Fragments');
const status = el('div', 'status');
const progress = el('span', 'progress', 'Listing…');
const stopButton = button('Stop', () => post({ type: 'stop' }));
const inspectButton = button('Inspect', () => inspectSelection());
const whyButton = button("Why won't it play?", () => whySelection());
const clipButton = button('Save clip as MP4…', () => clipSelection());
const zoneButton = button('UTC', () => setZone(zone === 'utc' ? 'local' : 'utc'));
const selectionText = el('span', 'selection-text', 'Select a fragment (shift-click for a range)');
status.append(progress, stopButton, selectionText, inspectButton, whyButton, clipButton, zoneButton);
const summaryLine = el('div', 'summary', '');
const legend = el('div', 'legend');
for (const [kind, name] of Object.entries(FLAG_NAMES)) {
  const item = el('span', `legend-item flag-${kind}`, name);
  const colour = FLAG_COLOURS[kind as keyof typeof FLAG_NAMES];
  item.style.setProperty('--swatch', `var(${colour.variable}, ${colour.fallback})`);
  legend.append(item);
}
const banner = el('div', 'banner banner-error');
banner.hidden = true;
header.append(title, status, summaryLine, legend, banner);
const stripRoot = el('div', 'thumb-strip');
const canvas = el('canvas', 'timeline');
canvas.setAttribute('aria-label', 'Fragment timeline: wheel to zoom, drag to pan, click to select');
const why = el('section', 'why');
why.hidden = true;
const columnHeader = el('div', 'row head fragment-row');
for (const name of FRAGMENT_COLUMNS)
  columnHeader.append(el('span', `cell c-${name.toLowerCase().replace(/[^a-z#]/g, '')}`, name));
const scroller = el('div', 'scroller');
scroller.tabIndex = 0;
const tableBox = el('div', 'table');
tableBox.append(columnHeader, scroller);
app.append(header, stripRoot, canvas, why, tableBox);
document.body.append(app);

const strip = new ThumbnailStrip(stripRoot);
const timeline = new TimelineCanvas(
  canvas,
  (i, extend) => pick(i, extend),
  (span) => spanChanged(span),
);
const table = new FragmentTable(scroller, (i, extend) => pick(i, extend));

function setZone(next: TimeZoneMode): void {
  zone = next;
  vscode.setState({ zone });
  zoneButton.textContent = zone === 'utc' ? 'UTC' : 'Local';
  table.zone = timeline.zone = strip.zone = zone;
  table.queue();
  timeline.queue();
}

function pick(index: number, extend: boolean): void {
  if (extend && anchor !== null) selection = { from: Math.min(anchor, index), to: Math.max(anchor, index) };
  else {
    anchor = index;
    selection = { from: index, to: index };
  }
  table.selection = timeline.selection = selection;
  table.reveal(index);
  timeline.queue();
  showSelection();
}

/** The selection within the rows shown (a newer listing may have fewer). */
function selectedSpan(): { from: number; to: number } | null {
  if (!selection || selection.from >= rows.length) return null;
  return { from: selection.from, to: Math.min(selection.to, rows.length - 1) };
}

function showSelection(): void {
  const chosen = selectedSpan();
  for (const b of [inspectButton, whyButton, clipButton]) b.toggleAttribute('disabled', !chosen);
  if (!chosen) return;
  const first = rows.row(chosen.from);
  const last = rows.row(chosen.to);
  selectionText.textContent = `${formatCount(chosen.to - chosen.from + 1)} selected: ${formatTime(first.startMs, zone)} .. ${formatTime(last.startMs + last.durationMs, zone)}`;
}

/** The selected fragments' time range on the view's clock (end inclusive of the last fragment's start). */
function selectionRange(): { startMs: number; endMs: number; firstFragment: string } | null {
  const chosen = selectedSpan();
  if (!chosen) return null;
  return {
    startMs: rows.startMs(chosen.from),
    endMs: rows.startMs(chosen.to),
    firstFragment: rows.row(chosen.from).number,
  };
}

function inspectSelection(): void {
  const chosen = selectedSpan();
  if (chosen) post({ type: 'inspect', numbers: rows.numbers(chosen.from, chosen.to) });
}

function whySelection(): void {
  const range = selectionRange();
  if (range) post({ type: 'whyWontItPlay', ...range });
}

function clipSelection(): void {
  const range = selectionRange();
  if (range) post({ type: 'saveClip', startMs: range.startMs, endMs: range.endMs });
}

function spanChanged(span: Span): void {
  strip.place(span);
  clearTimeout(thumbTimer);
  thumbTimer = window.setTimeout(() => requestThumbnails(span), 300);
}

function requestThumbnails(span: Span): void {
  if (rows.length === 0) return;
  strip.clear();
  const count = Math.min(100, Math.max(2, Math.floor(canvas.clientWidth / 90)));
  post({
    type: 'thumbnails',
    request: ++thumbRequest,
    startMs: Math.round(span.fromMs),
    endMs: Math.round(span.toMs),
    count,
  });
}

function showSummary(s: TimelineSummary): void {
  const parts = [
    `${formatCount(s.fragments)} fragments`,
    `${formatSpan(s.totalDurationMs)} of media`,
    formatBytes(s.totalBytes),
    `coverage ${(s.coverage * 100).toFixed(1)}% of the range`,
    `${s.gaps} gap${s.gaps === 1 ? '' : 's'}${s.gaps ? ` totalling ${formatSpan(s.gapTotalMs)}, largest ${formatSpan(s.largestGapMs)}` : ''} (threshold ${formatSpan(s.gapThresholdMs)})`,
    `${s.overlaps} overlaps`,
    `${s.durationOutliers} long`,
    `${s.skewed} skewed`,
    `${s.producerBackwards} backwards`,
  ];
  summaryLine.textContent = parts.join(' · ');
}

function onMessage(m: HostToFragments): void {
  switch (m.type) {
    case 'init':
      title.textContent = `Fragments of ${m.streamName} (${m.profile}, ${m.region}) by ${m.timestampType === 'SERVER_TIMESTAMP' ? 'server' : 'producer'} time, ${formatTime(m.rangeStartMs, zone)} .. ${formatTime(m.rangeEndMs, zone)}`;
      timeline.span = { fromMs: m.rangeStartMs, toMs: m.rangeEndMs };
      return;
    case 'progress':
      progress.textContent = `${m.progress.state === 'listing' ? 'Listing…' : m.progress.state}: ${formatCount(m.progress.fragments)} fragments in ${m.progress.pages} page${m.progress.pages === 1 ? '' : 's'}`;
      progress.dataset.state = m.progress.state;
      stopButton.hidden = m.progress.state !== 'listing';
      return;
    case 'timeline': {
      try {
        rows = new FragmentRows(checkTimelineColumns(m.columns));
      } catch (error) {
        banner.hidden = false;
        banner.textContent = error instanceof Error ? error.message : String(error);
        return;
      }
      const s = m.summary;
      const span =
        s.firstStartMs !== null && s.lastEndMs !== null
          ? {
              fromMs: s.firstStartMs - (s.lastEndMs - s.firstStartMs) * 0.02 - 1000,
              toMs: s.lastEndMs + (s.lastEndMs - s.firstStartMs) * 0.02 + 1000,
            }
          : timeline.span;
      timeline.setRows(rows, span);
      table.setRows(rows);
      showSummary(s);
      showSelection();
      requestThumbnails(span);
      return;
    }
    case 'thumbnails':
      if (m.request === thumbRequest) strip.add(m.items, timeline.span);
      return;
    case 'playback':
      renderWhy(why, m, zone, (text, label) => post({ type: 'copy', text, label }));
      return;
    case 'clip':
      progress.textContent = m.state === 'saving' ? `Saving clip: ${formatBytes(m.bytes)}` : m.text;
      return;
    case 'error':
      banner.hidden = false;
      banner.textContent = `${m.refusal.operation}: ${m.refusal.name}${m.refusal.status ? ` (HTTP ${m.refusal.status})` : ''}: ${m.refusal.message} — ${m.refusal.meaning} What to do: ${m.refusal.whatToDo}`;
      return;
    case 'toast':
      selectionText.textContent = m.text;
      return;
    default:
      assertNever(m);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

window.addEventListener('message', (e: MessageEvent<HostToFragments>) => onMessage(e.data));
setZone(zone);
showSelection();
post({ type: 'ready' });
