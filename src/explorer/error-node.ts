import * as vscode from 'vscode';
import type { AwsProblem } from '../aws/errors';
import { CommandId } from '../command-ids';
import { MessageNode } from './message-node';
import { problemRows } from './problem-rows';
import type { TreeNode } from './tree-node';

/** A failed call as a node: the problem on the row, "what to do" and the service's message as its children. */
export class ErrorNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly problem: AwsProblem,
    /** Set when `aws sso login --profile NAME` would fix it: the row offers "Sign in". */
    readonly signInProfile?: string,
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
    item.contextValue = `kvsError.${this.problem.kind}${this.signInProfile ? '.signIn' : ''}`;
    item.accessibilityInformation = { label: `Error: ${rows.label}`, role: 'treeitem' };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const signIn = this.signInProfile
      ? [
          new MessageNode(`${this.id}/sign-in`, 'Sign in', {
            description: `aws sso login --profile ${this.signInProfile}`,
            icon: 'sign-in',
            contextValue: 'kvsSignIn',
            command: { title: 'Sign in', command: CommandId.signIn, arguments: [this.signInProfile] },
          }),
        ]
      : [];
    const { todo, detail } = problemRows(this.problem);
    return [
      ...signIn,
      new MessageNode(`${this.id}/todo`, todo.label, { description: todo.description, icon: 'lightbulb' }),
      new MessageNode(`${this.id}/detail`, detail.label, { description: detail.description, icon: 'info' }),
    ];
  }
}
