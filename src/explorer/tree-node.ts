import type * as vscode from 'vscode';

/** One tree row: a stable id, how it looks, and (for containers) how to get its children. */
export interface TreeNode {
  readonly id: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
}
