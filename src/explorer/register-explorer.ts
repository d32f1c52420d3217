import * as vscode from 'vscode';
import type { ExtensionServices } from '../aws/services';
import { ViewId } from '../command-ids';
import { registerExplorerCommands } from './commands';
import { DemoNode, type DemoEndpoint } from './demo-node';
import { ExplorerModel } from './explorer-model';
import { registerSignIn } from './sign-in';
import { ProfileStatusBar } from './status-bar';
import { StreamsTreeProvider } from './streams-provider';

/** What tests (and other features) may look at: the tree as VS Code sees it, and the status bar text. */
export interface ExplorerApi {
  readonly provider: StreamsTreeProvider;
  readonly model: ExplorerModel;
  statusBarText(): string;
  /** Shows the running demo streams as a "Demo (local)" root, or removes it (undefined). */
  showDemo(demo: DemoEndpoint | undefined): void;
}

/** Registers the Streams view, its commands and the profile status bar item; everything is disposed with the context. */
export function registerExplorer(
  context: vscode.ExtensionContext,
  services: ExtensionServices & { resetClients(): void },
): ExplorerApi {
  const model = new ExplorerModel(services, context.globalState);
  const provider = new StreamsTreeProvider(model);
  const statusBar = new ProfileStatusBar(model);
  const view = vscode.window.createTreeView(ViewId.streams, { treeDataProvider: provider, showCollapseAll: true });
  const refreshAll = (): void => {
    services.resetClients();
    model.reset();
    provider.refresh();
    void model.loadProfiles().then(
      () => statusBar.update(),
      (e: unknown) => services.log.error(`Reading AWS profiles: ${String(e)}`),
    );
  };
  context.subscriptions.push(
    provider,
    statusBar,
    view,
    ...registerExplorerCommands({ model, provider, refreshAll }),
    ...registerSignIn(refreshAll, (line) => services.log.info(line)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kvsInspector')) refreshAll();
    }),
  );
  refreshAll();
  const showDemo = (demo: DemoEndpoint | undefined): void => {
    if (model.demo) model.listings.forget(new DemoNode(model.demo, model.listings).target());
    model.demo = demo;
    provider.refresh();
  };
  return { provider, model, statusBarText: () => statusBar.text, showDemo };
}
