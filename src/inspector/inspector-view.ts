import * as vscode from 'vscode';
import type { ChunkRecord } from '../core/getmedia/record';
import { CommandId, ContextKey } from '../command-ids';
import { Anomaly } from '../core/getmedia/anomalies';
import {
  assertNever,
  type CopyCommandRequest,
  type HostToWebview,
  type SessionNotice,
  type SessionStats,
  type WebviewToHost,
} from '../protocol';
import { receiveWebviewMessage } from './webview-messages';
import { CaptureWriter } from './capture-writer';
import type { CopyCommands } from './copy-command';
import type { ChunkBytesSource } from './element-nodes';
import { ChunkRefetcher, type FetchFragment } from './chunk-refetcher';
import { FRAGMENT_LIST_NOT_HELD, HeldChunks, NOT_HELD } from './held-chunks';
import type { InspectorPrefs } from './inspector-prefs';
import type { Feed } from './feeds';
import { RecordBatcher } from './record-batcher';
import { inspectorHtml } from './webview-html';

export interface ViewTelemetry {
  /** Every message posted, for tests (kept only when a test asks for it). */
  posted?: HostToWebview[];
  /** Delay from a batch's send to its rows on screen, as the webview reports it. */
  renderDelays: number[];
  lastRenderedIndex: number;
}

const STATS_INTERVAL_MS = 500;

interface InspectorViewOptions {
  /** The panel's or the custom editor's webview. */
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  /** A live GetMedia session or a capture file. */
  feed: Feed;
  /** Rows the webview keeps (kvsInspector.maxRows). */
  rowCap: number;
  title: string;
  log: (line: string) => void;
  /** Recent filters and colouring rules (the workspace's). */
  prefs?: InspectorPrefs;
  /** Copy as AWS CLI (live sessions). */
  commands?: CopyCommands;
  /** Where a file's element tree and bytes come from; a live session holds a window of its chunks instead. */
  bytes?: ChunkBytesSource;
  /** A live or fragment-list inspector: fetches a fragment's chunk again (GetMediaForFragmentList) when not held. */
  refetch?: FetchFragment;
}

/** Webview options shared by the panel and the custom editor: scripts on, files only from dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * One inspector: a webview showing a feed. Batches records, ticks the header, copies through vscode.env.clipboard,
 * saves captures in the host. dispose() stops the feed (aborting GetMedia) and drops every buffer.
 */
export class InspectorView implements vscode.Disposable {
  readonly telemetry: ViewTelemetry = { renderDelays: [], lastRenderedIndex: -1 };
  private readonly disposables: vscode.Disposable[] = [];
  private readonly batcher: RecordBatcher;
  private readonly capture: CaptureWriter;
  private readonly statsTimer: NodeJS.Timeout;
  private ready = false;
  private pending: HostToWebview[] = [];
  private disposed = false;
  /** A live session's latest chunks (null for a file: its bytes are read from the file). */
  private readonly held: HeldChunks | null;
  private readonly byteSource: ChunkBytesSource | null;
  private readonly refetcher: ChunkRefetcher | null;
  /** When the last chunk arrived, or the view opened (the lag watch's stall clock). */
  lastChunkAt = Date.now();

  private readonly webview: vscode.Webview;
  private readonly feed: Feed;
  private readonly rowCap: number;
  private readonly log: (line: string) => void;
  private readonly prefs?: InspectorPrefs;
  private readonly commands?: CopyCommands;

  constructor(options: InspectorViewOptions) {
    const { webview, extensionUri, feed, title } = options;
    this.webview = webview;
    this.feed = feed;
    this.rowCap = options.rowCap;
    this.log = options.log;
    this.prefs = options.prefs;
    this.commands = options.commands;
    // A feed that cannot stream (GetMediaForFragmentList) has no Save capture…: its note says so.
    this.held = options.bytes ? null : new HeldChunks(undefined, feed.canStream ? NOT_HELD : FRAGMENT_LIST_NOT_HELD);
    this.byteSource = options.bytes ?? this.held;
    this.refetcher =
      this.held && options.refetch ? new ChunkRefetcher(this.held, options.refetch, this.rowCap, this.log) : null;
    webview.options = webviewOptions(extensionUri);
    webview.html = inspectorHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'inspector.css')).toString(),
      title,
    });
    this.batcher = new RecordBatcher((records) => this.post({ type: 'records', records, sentAt: Date.now() }));
    // The feed keeps chunk bytes only while a capture is being written (started, not yet stopped or failed).
    this.capture = new CaptureWriter((capture) => {
      feed.keepChunkBytes(capture.saving);
      this.post({ type: 'capture', capture });
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => receiveWebviewMessage(raw, (m) => this.onMessage(m), this.log)),
    );
    this.statsTimer = setInterval(() => {
      this.postStats();
      this.capture.report();
    }, STATS_INTERVAL_MS);
    feed.start({
      records: (records, raw) => this.onRecords(records, raw),
      notice: (notice) => {
        this.batcher.flush();
        this.post({ type: 'notice', notice });
      },
      banner: (banner) => this.post({ type: 'banner', banner }),
      stateChanged: () => this.postStats(),
    });
  }

  /** For tests: keep a copy of every message posted from now on. */
  recordMessages(): HostToWebview[] {
    this.telemetry.posted = [];
    return this.telemetry.posted;
  }

  private onRecords(records: readonly ChunkRecord[], pieces?: ReadonlyArray<readonly Uint8Array[] | null>): void {
    if (pieces) for (const chunk of pieces) this.capture.write(chunk);
    if (records.length) this.lastChunkAt = Date.now();
    this.refetcher?.remember(records);
    // A live feed hands over bytes only while a capture runs: the element tree's window fills only then.
    pieces?.forEach((chunk, k) => {
      if (chunk && records[k]) this.held?.add(records[k], Buffer.concat(chunk));
    });
    let from = 0;
    records.forEach((record, k) => {
      if (!record.resync) return;
      // The resync row goes between the cut-off chunk and the one the reader went on with, like a reconnect row.
      this.batcher.add(records.slice(from, k));
      this.batcher.flush();
      this.post({ type: 'notice', notice: resyncNotice(record) });
      from = k;
    });
    this.batcher.add(from === 0 ? records : records.slice(from));
  }

  stats(): SessionStats {
    return this.feed.stats();
  }

  private postStats(): void {
    this.post({ type: 'stats', stats: this.feed.stats() });
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    this.telemetry.posted?.push(message);
    if (!this.ready) {
      this.pending.push(message);
      return;
    }
    this.send(message);
  }

  /** A webview closing while a message is on its way is not an error worth a rejection. */
  private send(message: HostToWebview): void {
    try {
      void Promise.resolve(this.webview.postMessage(message)).catch(() => undefined);
    } catch {
      // Disposed between the check and the call.
    }
  }

  private async onMessage(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const init: HostToWebview = {
          type: 'init',
          source: this.feed.source,
          rowCap: this.rowCap,
          canStream: this.feed.canStream,
          recentFilters: this.prefs?.recentFilters() ?? [],
          colorRules: this.prefs?.colorRules() ?? [],
        };
        this.telemetry.posted?.push(init);
        this.send(init);
        // A reloaded webview starts empty: what was queued before it was ready goes out now.
        // sentAt is re-stamped: the render delay measures post to paint, not the webview's own start-up.
        for (const m of this.pending.splice(0)) this.send(m.type === 'records' ? { ...m, sentAt: Date.now() } : m);
        this.postStats();
        this.post({ type: 'capture', capture: this.capture.current });
        return;
      }
      case 'stop':
        await this.feed.stop();
        this.postStats();
        return;
      case 'resume':
        this.feed.resume();
        return;
      case 'resumeFrom':
        this.post({
          type: 'notice',
          notice: {
            kind: 'info',
            at: Date.now(),
            text: `Resumed by the user after continuation token ${message.token}`,
            beforeIndex: this.feed.stats().chunks,
          },
        });
        this.feed.resume(message.token);
        return;
      case 'clear':
        this.batcher.flush();
        this.post({ type: 'cleared' });
        return;
      case 'saveCapture':
        await this.saveCapture();
        return;
      case 'stopCapture':
        await this.capture.stop();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'toast', text: `Copied ${message.label}` });
        if (message.what === 'continuation-token')
          void vscode.commands.executeCommand('setContext', ContextKey.tokenCopied, true);
        return;
      case 'showLogs':
        await vscode.commands.executeCommand(CommandId.showLogs);
        return;
      case 'copyCommand':
        await this.copyCommand(message);
        return;
      case 'elementsRequest':
        await this.sendElements(message.index);
        return;
      case 'fetchChunk':
        await this.fetchChunk(message.index, message.fragmentNumber);
        return;
      case 'bytesRequest':
        await this.sendBytes(message.requestId, message.index, message.offset, message.length);
        return;
      case 'filterUsed':
        this.prefs?.rememberFilter(message.text);
        return;
      case 'rendered':
        this.telemetry.lastRenderedIndex = Math.max(this.telemetry.lastRenderedIndex, message.lastIndex);
        if (this.telemetry.renderDelays.length < 10_000)
          this.telemetry.renderDelays.push(message.renderedAt - message.sentAt);
        return;
      default:
        assertNever(message);
    }
  }

  private async sendElements(index: number): Promise<void> {
    if (!Number.isSafeInteger(index) || index < 0) return;
    if (!this.byteSource) return;
    const canFetch = this.refetcher !== null;
    try {
      this.post({ type: 'elements', index, canFetch, ...(await this.byteSource.elements(index)) });
    } catch (e) {
      this.post({ type: 'elements', index, canFetch, elements: [], note: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Fetches the chunk's fragment again, holds its bytes for the row, and answers with its elements (or why not). */
  private async fetchChunk(index: number, fragmentNumber: string): Promise<void> {
    if (!this.refetcher) {
      const why = 'This inspector reads its bytes from a file; there is nothing to fetch.';
      this.post({ type: 'elements', index, canFetch: false, elements: [], note: why });
      return;
    }
    const outcome = await this.refetcher.fetch(index, fragmentNumber);
    if (outcome === 'held') await this.sendElements(index);
    else if (outcome) this.post(outcome);
  }

  private async sendBytes(requestId: number, index: number, offset: number, length: number): Promise<void> {
    if (!this.byteSource) return;
    const bytes = await this.byteSource.read(index, offset, length).catch(() => new Uint8Array(0));
    this.post({ type: 'bytes', requestId, offset, hex: Buffer.from(bytes).toString('hex') });
  }

  private async copyCommand(request: CopyCommandRequest): Promise<void> {
    if (!this.commands) {
      this.post({ type: 'toast', text: 'A capture file has no GetMedia call to copy.' });
      return;
    }
    try {
      const { text, label } = await this.commands.build(request);
      await vscode.env.clipboard.writeText(text);
      this.post({ type: 'toast', text: `Copied ${label}` });
    } catch (e) {
      this.post({ type: 'toast', text: `Could not build the command: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private async saveCapture(): Promise<void> {
    if (!this.feed.canStream) {
      this.post({ type: 'toast', text: 'This is already a capture file.' });
      return;
    }
    const name = this.feed.source.kind === 'stream' ? this.feed.source.streamName : 'capture';
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Save the raw GetMedia bytes while streaming',
      filters: { 'Matroska (GetMedia output)': ['mkv'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${name}-${stamp}.mkv`) } : {}),
    });
    if (!target) return;
    if (target.scheme !== 'file') {
      this.post({ type: 'toast', text: 'Captures are written to local files only.' });
      return;
    }
    this.capture.start(target.fsPath);
    this.log(`Saving the raw bytes of ${name} to ${target.fsPath}`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.statsTimer);
    this.refetcher?.dispose();
    this.held?.clear();
    this.batcher.dispose();
    this.pending = [];
    void this.capture.stop();
    this.feed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function resyncNotice(record: ChunkRecord): SessionNotice {
  const resync = record.resync as NonNullable<ChunkRecord['resync']>;
  return {
    kind: 'resync',
    at: Date.now(),
    text: `Unreadable bytes: ${Anomaly.resynced(resync)}; the chunk before is cut off`,
    beforeIndex: record.index,
  };
}
