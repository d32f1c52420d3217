import * as vscode from 'vscode';
import { createExtensionServices } from './aws/extension-services';
import type { ExtensionServices } from './aws/services';
import { CommandId } from './command-ids';
import { registerDemo, type DemoApi } from './demo/register-demo';
import { registerExplorer, type ExplorerApi } from './explorer/register-explorer';
import { registerFragments, type FragmentsApi } from './fragments/register-fragments';
import { registerInspector, type InspectorApi } from './inspector/register-inspector';

/** Returned by activate(): what the integration tests look at (the tree, the status bar, the services). */
export interface KvsInspectorApi {
  services: ExtensionServices;
  explorer: ExplorerApi;
  inspector: InspectorApi;
  demo: DemoApi;
  fragments: FragmentsApi;
  /** Milliseconds activate() itself took (the host's loading of the bundle comes before it). */
  activationMs: number;
  /** Whether the AWS SDK has been loaded yet: it must not be at activation. */
  sdkLoaded(): boolean;
}

export function activate(context: vscode.ExtensionContext): KvsInspectorApi {
  // Wiring only: the explorer and the inspector register themselves here.
  const started = performance.now();
  const log = vscode.window.createOutputChannel('KVS Inspector', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(CommandId.showLogs, () => log.show(true)),
  );
  const demo = registerDemo(context, log);
  const services = createExtensionServices({
    log,
    readEndpoint: () => vscode.workspace.getConfiguration('kvsInspector').get<unknown>('endpoint'),
    fixedCredentials: demo.fixedCredentials,
  });
  const explorer = registerExplorer(context, services);
  context.subscriptions.push(demo.onDidChange((server) => explorer.showDemo(server)));
  const inspector = registerInspector(context, services);
  const fragments = registerFragments(context, services, inspector.inspectFragments);
  const activationMs = performance.now() - started;
  log.info(`KVS Inspector activated in ${activationMs.toFixed(1)} ms`);
  return { services, explorer, inspector, demo, fragments, activationMs, sdkLoaded: services.sdkLoaded };
}

export function deactivate(): void {}
