import * as vscode from 'vscode';
import { createExtensionServices } from './aws/extension-services';
import type { ExtensionServices } from './aws/services';
import { registerExplorer, type ExplorerApi } from './explorer/register-explorer';

const moduleLoadedAt = performance.now();

/** Returned by activate(): what the integration tests look at (the tree, the status bar, the services). */
export interface KvsInspectorApi {
  services: ExtensionServices;
  explorer: ExplorerApi;
  /** Milliseconds from this module's first line to the end of activate(). */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): KvsInspectorApi {
  // Wiring only: the explorer and the inspector register themselves here.
  const log = vscode.window.createOutputChannel('KVS Inspector', { log: true });
  context.subscriptions.push(log);
  const services = createExtensionServices({
    log,
    readEndpoint: () => vscode.workspace.getConfiguration('kvsInspector').get<string>('endpoint'),
  });
  const explorer = registerExplorer(context, services);
  const activationMs = performance.now() - moduleLoadedAt;
  log.info(`KVS Inspector activated in ${activationMs.toFixed(1)} ms`);
  return { services, explorer, activationMs };
}

export function deactivate(): void {}
