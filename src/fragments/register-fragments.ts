import * as vscode from 'vscode';
import { ArchiveEndpoints } from '../aws/archive/archive-endpoints';
import type { StreamRef } from '../aws/client-factory';
import type { ExtensionServices } from '../aws/services';
import { CommandId } from '../command-ids';
import { askStream } from '../inspector/start-picker';
import { FragmentsView } from './fragments-view';
import { pickQuery, type FragmentsQuery } from './range-picker';

/** What the integration and e2e tests reach: the open Fragments views. */
export interface FragmentsApi {
  readonly views: ReadonlySet<FragmentsView>;
  browse(ref: StreamRef, query: FragmentsQuery): Promise<FragmentsView>;
}

/** A StreamRef, or a tree node exposing one (the explorer's stream node). */
function streamRefOf(arg: unknown): StreamRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const ref = ((arg as { streamRef?: unknown }).streamRef ?? arg) as Partial<StreamRef>;
  return typeof ref.streamName === 'string' && typeof ref.target === 'object' && ref.target !== null
    ? (ref as StreamRef)
    : undefined;
}

export function registerFragments(
  context: vscode.ExtensionContext,
  services: ExtensionServices,
  inspectFragments: (ref: StreamRef, numbers: readonly string[], endpoints: ArchiveEndpoints) => unknown,
): FragmentsApi {
  const views = new Set<FragmentsView>();
  const log = (line: string): void => services.log.info(line);
  let endpoints: ArchiveEndpoints | undefined;

  const browse = async (ref: StreamRef, query: FragmentsQuery): Promise<FragmentsView> => {
    const factory = await services.getClientFactory();
    if (endpoints?.factory !== factory) endpoints = new ArchiveEndpoints(factory);
    const shared = endpoints;
    const override = services.endpointOverride();
    const stream: StreamRef =
      override && !ref.target.endpoint ? { ...ref, target: { ...ref.target, endpoint: override } } : ref;
    const panel = vscode.window.createWebviewPanel(
      'kvsInspector.fragments',
      `Fragments: ${stream.streamName}`,
      vscode.ViewColumn.Active,
      { enableScripts: true, retainContextWhenHidden: true },
    );
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const view = new FragmentsView({
      webview: panel.webview,
      extensionUri: context.extensionUri,
      endpoints: shared,
      stream,
      query,
      inspect: (numbers) => inspectFragments(stream, numbers, shared),
      log,
    });
    views.add(view);
    panel.onDidDispose(() => {
      views.delete(view);
      view.dispose();
    });
    log(
      `Browsing fragments of ${stream.streamName} (${query.type}, ${new Date(query.startMs).toISOString()} .. ${new Date(query.endMs).toISOString()})`,
    );
    return view;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.browseFragments, async (arg?: unknown) => {
      const ref = streamRefOf(arg) ?? (await askStream(services.endpointOverride()));
      if (!ref) return undefined;
      const query = await pickQuery(ref.streamName, 'utc');
      if (!query) return undefined;
      return browse(ref, query);
    }),
    {
      dispose: () => {
        for (const view of views) view.dispose();
        views.clear();
      },
    },
  );
  return { views, browse };
}
