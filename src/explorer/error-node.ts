import * as vscode from 'vscode';
import type { AwsProblem } from '../aws/errors';
import { CommandId } from '../command-ids';
import { MessageNode } from './message-node';
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
    const item = new vscode.TreeItem(this.problem.title, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(
      this.problem.transient ? 'warning' : 'error',
      new vscode.ThemeColor(this.problem.transient ? 'problemsWarningIcon.foreground' : 'problemsErrorIcon.foreground'),
    );
    item.tooltip = new vscode.MarkdownString().appendText(
      `${this.problem.title}\n\n${this.problem.detail}\n\nWhat to do: ${this.problem.whatToDo}`,
    );
    item.contextValue = `kvsError.${this.problem.kind}${this.signInProfile ? '.signIn' : ''}`;
    item.accessibilityInformation = { label: `Error: ${this.problem.title}`, role: 'treeitem' };
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
    return [
      ...signIn,
      new MessageNode(`${this.id}/todo`, 'What to do', { description: this.problem.whatToDo, icon: 'lightbulb' }),
      new MessageNode(`${this.id}/detail`, this.problem.errorName, { description: this.problem.detail, icon: 'info' }),
    ];
  }
}
