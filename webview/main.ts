import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import {
  assertNever,
  DEFAULT_ROW_CAP,
  type ChunkRecord,
  type HostToWebview,
  type WebviewToHost,
} from '../src/protocol';
import { ChunkTable, COLUMNS, HIDEABLE_COLUMNS } from './chunk-table';
import { DetailsPane } from './details-pane';
import { ElementsSection } from './elements-section';
import { compileColorRules, FilterStatus } from './filter-status';
import { HeaderBar } from './header-bar';
import { LagPlot } from './lag-plot';
import { RowStore } from './row-store';
import type { TimeZoneMode } from './format';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** UI choices kept across reloads with getState/setState (never rows: the host owns the data). */
interface UiState {
  zone: TimeZoneMode;
  filter: string;
  errorsOnly: boolean;
  selected: number | null;
  plotHeight?: number;
  hiddenColumns?: string[];
}

const vscode = acquireVsCodeApi();
const saved = vscode.getState() as Partial<UiState> | undefined;
const ui: UiState = { zone: saved?.zone === 'local' ? 'local' : 'utc', filter: '', errorsOnly: false, selected: null };
const post = (message: WebviewToHost): void => vscode.postMessage(message);

const app = document.createElement('div');
app.className = 'app';
const headerRoot = document.createElement('header');
const plotBox = document.createElement('div');
plotBox.className = 'plot';
const canvas = document.createElement('canvas');
canvas.setAttribute('aria-label', 'Millis behind now and bytes per fragment');
const legend = document.createElement('div');
legend.className = 'plot-legend';
plotBox.append(canvas, legend);
const main = document.createElement('main');
const tableBox = document.createElement('div');
tableBox.className = 'table';
const columnHeader = document.createElement('div');
columnHeader.className = 'row head';
columnHeader.setAttribute('role', 'row');
columnHeader.setAttribute('aria-rowindex', '1');
columnHeader.id = 'chunk-columns';
for (const name of COLUMNS) {
  const cell = document.createElement('span');
  cell.setAttribute('role', 'columnheader');
  cell.className = `cell c-${name.replace(/[^a-z]/gi, '').toLowerCase() || 'index'}`;
  cell.textContent = name;
  columnHeader.append(cell);
}
const scroller = document.createElement('div');
scroller.className = 'scroller';
scroller.tabIndex = 0;
scroller.setAttribute('role', 'grid');
scroller.setAttribute('aria-label', 'Chunks: arrows, Page Up/Down, Home/End move; Enter opens the details');
scroller.setAttribute('aria-readonly', 'true');
const empty = document.createElement('div');
empty.className = 'empty';
empty.textContent = 'Waiting for the first chunk…';
tableBox.append(columnHeader, scroller, empty);
const detailsRoot = document.createElement('aside');
detailsRoot.className = 'details';
detailsRoot.tabIndex = -1;
detailsRoot.setAttribute('aria-label', 'Chunk details: Escape returns to the table');
main.append(tableBox, detailsRoot);
app.append(headerRoot, plotBox, main);
document.body.append(app);

const store = new RowStore(DEFAULT_ROW_CAP);
const details = new DetailsPane(detailsRoot, post);
const elements = new ElementsSection(post);
details.elements = elements;
const plot = new LagPlot(canvas, legend, {
  select: (index) => {
    table.setFollowing(false);
    table.select(index);
    table.reveal(index);
  },
  resized: (height) => {
    ui.plotHeight = height;
    saveState();
  },
});
if (typeof saved?.plotHeight === 'number') {
  ui.plotHeight = saved.plotHeight;
  plot.setHeight(saved.plotHeight);
}
const header = new HeaderBar(headerRoot, {
  post,
  filterChanged: (text, errorsOnly) => {
    const predicate = filterStatus.compile(text);
    header.setFilterInvalid(predicate === undefined);
    // A filter that does not parse leaves the last good one applied.
    if (predicate === undefined) return;
    ui.filter = text;
    ui.errorsOnly = errorsOnly;
    store.setFilter({ predicate, errorsOnly });
    refresh();
  },
  filterCommitted: (text) => {
    if (text.trim() !== '' && filterStatus.compile(text) !== undefined) post({ type: 'filterUsed', text: text.trim() });
  },
  zoneToggled: () => {
    ui.zone = ui.zone === 'utc' ? 'local' : 'utc';
    applyZone();
  },
  followToggled: () => table.setFollowing(!table.following),
});
function copyCommand(r: ChunkRecord | null, pipeline: boolean): void {
  const previous = r === null ? null : store.findByIndex(r.index - 1);
  post({
    type: 'copyCommand',
    pipeline,
    row: r && { index: r.index, fragmentNumber: r.fragmentNumber, previousToken: previous?.continuationToken ?? null },
  });
}
header.addStreamButton('Copy as AWS CLI', () => copyCommand(null, false));
const filterStatus = new FilterStatus((text) => header.setFilterText(text));
header.addFilterParts(filterStatus.recent, filterStatus.errorLine);
const table = new ChunkTable(
  scroller,
  (row) => {
    ui.selected = row && row.kind === 'chunk' ? row.record.index : null;
    details.show(row);
    saveState();
  },
  (following) => header.setFollowing(following),
);

// The header row sits outside the scrolling rows (it stays put): the grid owns it, ahead of the rows.
scroller.setAttribute('aria-owns', `${columnHeader.id} ${scroller.querySelector('.rows')?.id ?? ''}`.trim());
scroller.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || table.selectedIndex === null) return;
  e.preventDefault();
  detailsRoot.focus();
});
detailsRoot.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  e.preventDefault();
  scroller.focus();
});

function saveState(): void {
  vscode.setState(ui);
}

function applyZone(): void {
  table.zone = ui.zone;
  details.zone = ui.zone;
  header.setZone(ui.zone);
  table.render();
  if (ui.selected !== null) table.select(ui.selected);
  saveState();
}

let plotDirty = false;
function refresh(): void {
  table.setRows(store.visible);
  empty.hidden = store.total > 0;
  header.setDropped(store.dropped, store.cap, store.droppedForSize, store.byteBudget);
  if (!plotDirty) {
    plotDirty = true;
    setTimeout(() => {
      plotDirty = false;
      plot.update(store.lastRecords(2000));
    }, 200);
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      store.cap = message.rowCap;
      header.setSource(message.source, message.canStream);
      details.canResume = message.canStream;
      details.copyCommand = message.canStream ? copyCommand : null;
      filterStatus.setRecent(message.recentFilters ?? []);
      applyColorRules(message.colorRules ?? []);
      empty.textContent = message.source.kind === 'file' ? 'Reading the file…' : 'Waiting for the first chunk…';
      break;
    case 'records': {
      store.addRecords(message.records);
      refresh();
      const lastIndex = message.records[message.records.length - 1]?.index ?? -1;
      requestAnimationFrame(() =>
        post({ type: 'rendered', lastIndex, sentAt: message.sentAt, renderedAt: Date.now() }),
      );
      if (ui.selected !== null && message.records.some((r) => r.index === ui.selected)) table.select(ui.selected);
      break;
    }
    case 'notice':
      store.addNotice(message.notice);
      refresh();
      break;
    case 'stats':
      header.setStats(message.stats);
      // A feed that ended without a chunk says why ("empty file (0 bytes)") instead of "Reading the file…".
      if ((message.stats.state === 'done' || message.stats.state === 'failed') && message.stats.detail)
        empty.textContent = message.stats.detail;
      break;
    case 'banner':
      header.setBanner(message.banner);
      break;
    case 'capture':
      header.setCapture(message.capture);
      break;
    case 'cleared':
      store.clear();
      table.select(null);
      refresh();
      plot.update([]);
      break;
    case 'toast':
      showToast(message.text);
      break;
    case 'elements':
      elements.receiveElements(message);
      break;
    case 'bytes':
      elements.receiveBytes(message.requestId, message.offset, message.hex);
      break;
    default:
      assertNever(message);
  }
});

const COLUMN_WIDTHS: Record<(typeof HIDEABLE_COLUMNS)[number], string> = {
  skewms: '64px',
  fps: '52px',
  bitrate: '80px',
};
const COLUMN_LABELS: Record<(typeof HIDEABLE_COLUMNS)[number], string> = {
  skewms: 'Skew',
  fps: 'FPS',
  bitrate: 'Bitrate',
};
const columnToggles = document.createElement('span');
columnToggles.className = 'column-toggles';
columnToggles.setAttribute('aria-label', 'Columns shown');
const hidden = new Set((Array.isArray(saved?.hiddenColumns) ? saved.hiddenColumns : []).map(String));
function applyColumns(): void {
  for (const c of HIDEABLE_COLUMNS) app.classList.toggle(`hide-${c}`, hidden.has(c));
  const widths = HIDEABLE_COLUMNS.filter((c) => !hidden.has(c)).map((c) => COLUMN_WIDTHS[c]);
  document.documentElement.style.setProperty('--extra-columns', widths.join(' '));
  ui.hiddenColumns = [...hidden];
  saveState();
}
for (const c of HIDEABLE_COLUMNS) {
  const box = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  box.className = `column-toggle toggle-${c}`;
  box.setAttribute('label', COLUMN_LABELS[c]);
  box.checked = !hidden.has(c);
  box.addEventListener('change', () => {
    if (box.checked) hidden.delete(c);
    else hidden.add(c);
    applyColumns();
  });
  columnToggles.append(box);
}
header.addControl(columnToggles);
applyColumns();

function applyColorRules(rules: Parameters<typeof compileColorRules>[0]): void {
  const { rowClass, problems } = compileColorRules(rules);
  table.rowClass = rowClass;
  table.render();
  if (problems.length) showToast(problems.join('\n'));
}

const toast = document.createElement('div');
toast.className = 'toast';
toast.setAttribute('role', 'status');
document.body.append(toast);
let toastTimer: number | undefined;
function showToast(text: string): void {
  toast.textContent = text;
  toast.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => toast.classList.remove('shown'), 2500);
}

applyZone();
header.setFollowing(true);
post({ type: 'ready' });
