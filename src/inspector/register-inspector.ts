import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { streamRefOf, type ArchiveClientFactory, type StreamRef } from '../aws/client-factory';
import type { ExtensionServices } from '../aws/services';
import type { StartChoice } from '../aws/media-session/start-selector';
import { describeChoice } from '../aws/media-session/start-selector';
import { CAPTURE_EDITOR_VIEW_TYPE, CommandId, ContextKey } from '../command-ids';
import { FileBytes } from './file-bytes';
import { DEFAULT_ROW_CAP } from '../protocol';
import { FileFeed } from './file-feed';
import { CopyCommands } from './copy-command';
import { workspacePrefs } from './inspector-prefs';
import { LagStatusItem, type WatchTarget } from './lag-status-item';
import { ArchiveEndpoints } from '../aws/archive/archive-endpoints';
import { fetchFragmentBytes } from '../aws/archive/fragment-bytes';
import { FragmentListFeed } from './fragment-list-feed';
import type { FetchFragment } from './chunk-refetcher';
import { InspectorView } from './inspector-view';
import { askStream, pickStart } from './start-picker';
import { StreamFeed } from './stream-feed';

/** What the integration tests reach: the open inspectors. */
export interface InspectorApi {
  readonly views: ReadonlySet<InspectorView>;
  /** The status bar's lag watch (tests read its text and warning state). */
  readonly lagWatch: LagStatusItem;
  /** Opens an inspector on a stream without asking (tests, and the command once it has its answers). */
  inspectStream(ref: StreamRef, start: StartChoice): Promise<InspectorView>;
  /** Opens an inspector on chosen fragments, read with GetMediaForFragmentList in the order given. */
  inspectFragments(ref: StreamRef, numbers: readonly string[], endpoints: ArchiveEndpoints): InspectorView;
}

/** "Fetch again" for a stream's inspector: GetMediaForFragmentList of one fragment. */
const refetchFrom =
  (endpoints: ArchiveEndpoints, stream: StreamRef): FetchFragment =>
  (fragmentNumber, signal) =>
    fetchFragmentBytes(endpoints, stream, fragmentNumber, signal);

function rowCap(): number {
  const value = vscode.workspace.getConfiguration('kvsInspector').get<number>('maxRows', DEFAULT_ROW_CAP);
  return Number.isFinite(value) && value >= 1000 ? Math.floor(value) : DEFAULT_ROW_CAP;
}

export function registerInspector(context: vscode.ExtensionContext, services: ExtensionServices): InspectorApi {
  const views = new Set<InspectorView>();
  const log = (line: string): void => services.log.info(line);
  const prefs = workspacePrefs(context.workspaceState);
  const lagWatch = new LagStatusItem();
  const watchTargets: WatchTarget[] = [];
  // Live inspectors share the archive's data endpoints (GetDataEndpoint answers) while the client factory stays.
  let liveEndpoints: ArchiveEndpoints | undefined;
  const endpointsFor = (factory: ArchiveClientFactory): ArchiveEndpoints =>
    liveEndpoints?.factory === factory ? liveEndpoints : (liveEndpoints = new ArchiveEndpoints(factory));

  const track = (view: InspectorView, owner: { onDidDispose: vscode.Event<void> }): void => {
    views.add(view);
    owner.onDidDispose(() => {
      views.delete(view);
      view.dispose();
    });
  };

  const inspectStream = async (ref: StreamRef, start: StartChoice): Promise<InspectorView> => {
    const setting = services.endpointSetting();
    // A ref with its own endpoint (the demo streams) does not use the setting.
    if (setting.kind === 'invalid' && !ref.target.endpoint) throw new Error(setting.message);
    const factory = await services.getClientFactory();
    const endpoint = services.endpointOverride();
    const stream: StreamRef = endpoint && !ref.target.endpoint ? { ...ref, target: { ...ref.target, endpoint } } : ref;
    const title = `${stream.streamName} (${describeChoice(start).slice(0, 40)})`;
    const panel = vscode.window.createWebviewPanel('kvsInspector.inspector', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const view = new InspectorView({
      webview: panel.webview,
      extensionUri: context.extensionUri,
      feed: new StreamFeed(factory, stream, start, log),
      rowCap: rowCap(),
      title,
      log,
      prefs,
      commands: new CopyCommands(factory, stream, start),
      refetch: refetchFrom(endpointsFor(factory), stream),
    });
    track(view, panel);
    watchLag(view, panel, stream.streamName);
    log(
      `Inspecting ${stream.streamName} (${stream.target.profile}, ${stream.target.region}) from ${describeChoice(start)}`,
    );
    return view;
  };

  /** The focused live inspector is watched; when none is focused, the most recently opened or focused one. */
  const watchLag = (view: InspectorView, panel: vscode.WebviewPanel, streamName: string): void => {
    const target: WatchTarget = {
      streamName,
      stats: () => view.stats(),
      lastChunkAt: () => view.lastChunkAt,
      reveal: () => panel.reveal(),
    };
    watchTargets.push(target);
    lagWatch.watch(target);
    panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.active) return;
      watchTargets.splice(watchTargets.indexOf(target), 1);
      watchTargets.push(target);
      lagWatch.watch(target);
    });
    panel.onDidDispose(() => {
      watchTargets.splice(watchTargets.indexOf(target), 1);
      if (lagWatch.watching === target) lagWatch.watch(watchTargets.at(-1) ?? null);
    });
  };

  const inspectFragments = (ref: StreamRef, numbers: readonly string[], endpoints: ArchiveEndpoints): InspectorView => {
    const title = `${ref.streamName} (${numbers.length} fragment${numbers.length === 1 ? '' : 's'})`;
    const panel = vscode.window.createWebviewPanel('kvsInspector.inspector', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const feed = new FragmentListFeed(endpoints, ref, numbers, log);
    const view = new InspectorView({
      webview: panel.webview,
      extensionUri: context.extensionUri,
      feed,
      rowCap: rowCap(),
      title,
      log,
      prefs,
      refetch: refetchFrom(endpoints, ref),
    });
    track(view, panel);
    log(`Inspecting ${numbers.length} fragment(s) of ${ref.streamName} with GetMediaForFragmentList`);
    return view;
  };

  const captureEditor: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: async (document, panel) => {
      if (document.uri.scheme !== 'file') {
        void vscode.window.showErrorMessage(
          `KVS Inspector reads capture files from disk; ${document.uri.toString()} is not a local file.`,
        );
        return;
      }
      const path = document.uri.fsPath;
      const size = await stat(path).then(
        (s) => s.size,
        () => 0,
      );
      const view = new InspectorView({
        webview: panel.webview,
        extensionUri: context.extensionUri,
        feed: new FileFeed(path, size),
        rowCap: rowCap(),
        title: basename(path),
        log,
        prefs,
        bytes: new FileBytes(path),
      });
      track(view, panel);
      void vscode.commands.executeCommand('setContext', ContextKey.captureOpened, true);
    },
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.inspectStream, async (arg?: unknown) => {
      const setting = services.endpointSetting();
      if (setting.kind === 'invalid') {
        void vscode.window.showErrorMessage(setting.message);
        return undefined;
      }
      const ref = streamRefOf(arg) ?? (await askStream(services.endpointOverride()));
      if (!ref) return undefined;
      const start = await pickStart(ref.streamName);
      if (!start) return undefined;
      return inspectStream(ref, start);
    }),
    vscode.commands.registerCommand(CommandId.inspectCaptureFile, async (arg?: unknown) => {
      const uri =
        arg instanceof vscode.Uri
          ? arg
          : (
              await vscode.window.showOpenDialog({
                title: 'Inspect a capture file',
                canSelectMany: false,
                filters: { 'Matroska / WebM': ['mkv', 'webm'], 'All files': ['*'] },
              })
            )?.[0];
      if (!uri) return;
      await vscode.commands.executeCommand('vscode.openWith', uri, CAPTURE_EDITOR_VIEW_TYPE);
    }),
    vscode.window.registerCustomEditorProvider(CAPTURE_EDITOR_VIEW_TYPE, captureEditor, {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    lagWatch,
    {
      dispose: () => {
        for (const view of views) view.dispose();
        views.clear();
      },
    },
  );

  return { views, lagWatch, inspectStream, inspectFragments };
}
