import * as vscode from 'vscode';
import type { AwsProblem } from '../aws/errors';
import { MessageNode } from './message-node';
import { problemRows } from './problem-rows';
import type { TreeNode } from './tree-node';

/** A failed call as a node: the problem on the row, "what to do" and the service's message as its children. */
export class ErrorNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly problem: AwsProblem,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const rows = problemRows(this.problem);
    const item = new vscode.TreeItem(rows.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(
      this.problem.transient ? 'warning' : 'error',
      new vscode.ThemeColor(this.problem.transient ? 'problemsWarningIcon.foreground' : 'problemsErrorIcon.foreground'),
    );
    item.tooltip = new vscode.MarkdownString().appendText(rows.tooltip);
    item.contextValue = `kvsError.${this.problem.kind}`;
    item.accessibilityInformation = { label: `Error: ${rows.label}`, role: 'treeitem' };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const { todo, detail } = problemRows(this.problem);
    return [
      new MessageNode(`${this.id}/todo`, todo.label, { description: todo.description, icon: 'lightbulb' }),
      new MessageNode(`${this.id}/detail`, detail.label, { description: detail.description, icon: 'info' }),
    ];
  }
}
