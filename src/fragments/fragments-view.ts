import * as vscode from 'vscode';
import type { ArchiveEndpoints } from '../aws/archive/archive-endpoints';
import { CLIP_LIMITS, saveClip } from '../aws/archive/clip';
import { fragmentTracks } from '../aws/archive/fragment-tracks';
import { imageWindows, samplingInterval, thumbnailPages } from '../aws/archive/images';
import { listFragmentPages, type TimeRange } from '../aws/archive/list-fragments';
import { askPlaybackApis } from '../aws/archive/playback';
import { decodeRefusal } from '../aws/archive/refusals';
import type { StreamRef } from '../aws/client-factory';
import { playbackProblem, type PlaybackApi } from '../core/archive/playback-requirements';
import { analyzeTimeline, type FragmentInfo, type TimelineAnalysis, type TimelineRow } from '../core/archive/timeline';
import type { TrackFact } from '../core/archive/track-facts';
import { assertNever, type FragmentsToHost, type HostToFragments } from '../protocol';
import { webviewOptions } from '../inspector/inspector-view';
import { inspectorHtml } from '../inspector/webview-html';
import type { FragmentsQuery } from './range-picker';

export interface FragmentsViewOptions {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  endpoints: ArchiveEndpoints;
  stream: StreamRef;
  query: FragmentsQuery;
  /** Opens the inspector on these fragments (GetMediaForFragmentList). */
  inspect(numbers: string[]): void;
  log(line: string): void;
}

const THUMB_WIDTH = 160;
const PROGRESS_EVERY_MS = 100;

/**
 * One Fragments panel: lists the range (ListFragments to the end, with Stop), analyses it, and answers the
 * webview's asks (thumbnails, Inspect, why won't it play, save clip). dispose() aborts everything in flight.
 */
export class FragmentsView implements vscode.Disposable {
  /** Every message posted, when a test asks for it. */
  posted: HostToFragments[] | null = null;
  analysis: TimelineAnalysis | null = null;
  private readonly listing = new AbortController();
  private thumbs = new AbortController();
  private readonly work = new AbortController();
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private queue: HostToFragments[] = [];
  private videoSize: { width: number; height: number } | null = null;
  private resolveListed!: () => void;
  /** Resolves when the listing ended (done, stopped or failed). */
  readonly listed: Promise<void> = new Promise((resolve) => (this.resolveListed = resolve));

  constructor(private readonly o: FragmentsViewOptions) {
    o.webview.options = webviewOptions(o.extensionUri);
    o.webview.html = inspectorHtml({
      cspSource: o.webview.cspSource,
      scriptUri: o.webview.asWebviewUri(vscode.Uri.joinPath(o.extensionUri, 'dist', 'fragments.js')).toString(),
      styleUri: o.webview.asWebviewUri(vscode.Uri.joinPath(o.extensionUri, 'media', 'fragments.css')).toString(),
      title: `Fragments of ${o.stream.streamName}`,
    });
    this.disposables.push(o.webview.onDidReceiveMessage((m: FragmentsToHost) => void this.onMessage(m)));
  }

  private post(message: HostToFragments): void {
    this.posted?.push(message);
    if (!this.ready) this.queue.push(message);
    else void this.o.webview.postMessage(message);
  }

  private get range(): TimeRange {
    return { type: this.o.query.type, startMs: this.o.query.startMs, endMs: this.o.query.endMs };
  }

  private async onMessage(message: FragmentsToHost): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const first = !this.ready;
        this.ready = true;
        void this.o.webview.postMessage({
          type: 'init',
          streamName: this.o.stream.streamName,
          profile: this.o.stream.target.profile,
          region: this.o.stream.target.region,
          timestampType: this.o.query.type,
          rangeStartMs: this.o.query.startMs,
          rangeEndMs: this.o.query.endMs,
        } satisfies HostToFragments);
        for (const m of this.queue.splice(0)) void this.o.webview.postMessage(m);
        if (first) void this.list();
        else if (this.analysis) this.post({ type: 'timeline', ...this.analysis });
        return;
      }
      case 'stop':
        this.listing.abort();
        return;
      case 'thumbnails':
        return this.thumbnails(message.request, message.startMs, message.endMs, message.count);
      case 'inspect':
        this.o.inspect(message.numbers);
        return;
      case 'whyWontItPlay':
        return this.whyWontItPlay(
          { ...this.range, startMs: message.startMs, endMs: message.endMs },
          message.firstFragment,
        );
      case 'saveClip':
        return this.saveClip({ ...this.range, startMs: message.startMs, endMs: message.endMs });
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        this.post({ type: 'toast', text: `Copied ${message.label}` });
        return;
      default:
        assertNever(message);
    }
  }

  private async list(): Promise<void> {
    const fragments: FragmentInfo[] = [];
    let pages = 0;
    let lastProgress = 0;
    let state: 'done' | 'stopped' | 'failed' = 'done';
    try {
      for await (const page of listFragmentPages(this.o.endpoints, this.o.stream, this.range, this.listing.signal)) {
        pages++;
        for (const f of page) fragments.push(f);
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          this.post({ type: 'progress', progress: { pages, fragments: fragments.length, state: 'listing' } });
        }
      }
      if (this.listing.signal.aborted) state = 'stopped';
    } catch (error) {
      state = this.listing.signal.aborted ? 'stopped' : 'failed';
      if (state === 'failed') this.post({ type: 'error', refusal: decodeRefusal('ListFragments', error) });
    }
    this.analysis = analyzeTimeline(fragments, {
      ...this.range,
      rangeStartMs: this.range.startMs,
      rangeEndMs: this.range.endMs,
    });
    this.post({ type: 'progress', progress: { pages, fragments: fragments.length, state } });
    this.post({ type: 'timeline', ...this.analysis });
    this.o.log(
      `ListFragments ${this.o.stream.streamName}: ${fragments.length} fragment(s) in ${pages} page(s), ${state}`,
    );
    this.resolveListed();
  }

  /** A newer request aborts the older one: never more than one GetImages page in flight. */
  private async thumbnails(request: number, startMs: number, endMs: number, count: number): Promise<void> {
    this.thumbs.abort();
    const controller = new AbortController();
    this.thumbs = controller;
    const size = await this.thumbnailSize();
    try {
      for (const run of mediaRuns(this.analysis?.rows ?? [], startMs, endMs, count)) {
        const intervalMs = samplingInterval(run.endMs - run.startMs, run.count);
        for (const window of imageWindows({ ...this.range, startMs: run.startMs, endMs: run.endMs }, intervalMs)) {
          const pages = thumbnailPages(
            this.o.endpoints,
            this.o.stream,
            window,
            { intervalMs, ...size },
            controller.signal,
          );
          for await (const items of pages) {
            if (controller.signal.aborted) return;
            this.post({ type: 'thumbnails', request, items, done: false });
          }
        }
      }
      this.post({ type: 'thumbnails', request, items: [], done: true });
    } catch (error) {
      if (!controller.signal.aborted) this.post({ type: 'error', refusal: decodeRefusal('GetImages', error) });
    }
  }

  /** GetImages needs both sizes (one alone is refused): keep the video's aspect, read from its first fragment. */
  private async thumbnailSize(): Promise<{ width: number; height: number }> {
    if (!this.videoSize) {
      const first = this.analysis?.rows[0]?.number;
      const tracks = first
        ? await fragmentTracks(this.o.endpoints, this.o.stream, first, this.work.signal).catch(() => null)
        : null;
      const video = tracks?.find((t) => t.type === 1 && t.width && t.height);
      const height =
        video?.width && video.height ? Math.max(1, Math.round((THUMB_WIDTH * video.height) / video.width)) : 90;
      this.videoSize = { width: THUMB_WIDTH, height };
    }
    return this.videoSize;
  }

  private async whyWontItPlay(range: TimeRange, firstFragment: string): Promise<void> {
    const [answers, tracks] = await Promise.all([
      askPlaybackApis(this.o.endpoints, this.o.stream, range, this.work.signal),
      fragmentTracks(this.o.endpoints, this.o.stream, firstFragment, this.work.signal).catch(() => null),
    ]);
    this.post({ type: 'playback', answers, tracks, verdict: verdictOf(tracks) });
  }

  private async saveClip(range: TimeRange): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.o.stream.streamName}-${new Date(range.startMs).toISOString().replace(/[:.]/g, '-')}.mp4`;
    const target = await vscode.window.showSaveDialog({
      title: `Save clip as MP4 (${CLIP_LIMITS})`,
      filters: { 'MP4 video': ['mp4'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (!target) return;
    if (target.scheme !== 'file') {
      this.post({ type: 'toast', text: 'Clips are written to local files only.' });
      return;
    }
    let last = 0;
    try {
      const out = await saveClip(
        this.o.endpoints,
        this.o.stream,
        range,
        target.fsPath,
        (bytes) => {
          if (Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          this.post({ type: 'clip', bytes, state: 'saving', text: `Saving ${target.fsPath}` });
        },
        this.work.signal,
      );
      this.post({ type: 'clip', bytes: out.bytes, state: 'done', text: `Saved ${target.fsPath} (${CLIP_LIMITS})` });
    } catch (error) {
      const refusal = decodeRefusal('GetClip', error);
      this.post({ type: 'clip', bytes: 0, state: 'failed', text: `${refusal.name}: ${refusal.message}` });
      this.post({ type: 'error', refusal });
    }
  }

  dispose(): void {
    this.listing.abort();
    this.thumbs.abort();
    this.work.abort();
    this.queue = [];
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * The stretches of the span that hold fragments (split at flagged gaps), each with its share of the thumbnails:
 * sampling the whole span evenly would spend most images on gaps, where there is nothing to show.
 */
function mediaRuns(rows: readonly TimelineRow[], startMs: number, endMs: number, count: number) {
  const runs: Array<{ startMs: number; endMs: number; count: number }> = [];
  for (const r of rows) {
    const end = r.startMs + r.durationMs;
    if (end < startMs || r.startMs > endMs) continue;
    const last = runs.at(-1);
    if (last && r.gapBeforeMs === null) last.endMs = Math.min(endMs, Math.max(last.endMs, end));
    else runs.push({ startMs: Math.max(startMs, r.startMs), endMs: Math.min(endMs, end), count: 0 });
  }
  const total = runs.reduce((sum, run) => sum + (run.endMs - run.startMs), 0) || 1;
  for (const run of runs) run.count = Math.max(1, Math.round((count * (run.endMs - run.startMs)) / total));
  return runs;
}

const APIS: PlaybackApi[] = ['GetHLSStreamingSessionURL', 'GetDASHStreamingSessionURL', 'GetClip'];

/** What the documented requirements say of the tracks the reader saw, in one line per API. */
function verdictOf(tracks: readonly TrackFact[] | null): string {
  if (!tracks) return 'The first fragment could not be read, so its tracks are unknown.';
  return APIS.map((api) => {
    const problem = playbackProblem(api, tracks);
    return `${api}: ${problem ? `${problem.type}: ${problem.message}` : 'the tracks meet its requirements'}`;
  }).join('\n');
}
