import * as vscode from 'vscode';
import type { KvsInspectorApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/tree-node';

export type { KvsInspectorApi, TreeNode };

/** The extension as the integration suites see it: activated, with its API (tree provider, status bar, services). */
const EXTENSION_ID = 'kvs-inspector.kvs-inspector';

let activated: { api: KvsInspectorApi; activateCallMs: number } | undefined;

export async function activateExtension(): Promise<{ api: KvsInspectorApi; activateCallMs: number }> {
  if (activated) return activated;
  const extension = vscode.extensions.getExtension<KvsInspectorApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this workbench`);
  const started = performance.now();
  const api = await extension.activate();
  activated = { api, activateCallMs: performance.now() - started };
  return activated;
}

export const labelOf = (node: TreeNode): string => {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? '');
};

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these suites with npm run test:integration`);
  return value;
}
