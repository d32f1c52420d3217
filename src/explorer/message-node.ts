import * as vscode from 'vscode';
import type { TreeNode } from './tree-node';

/** A leaf with a message: a placeholder ("No streams"), a detail row, or "Load more" with its command. */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly options: {
      description?: string;
      tooltip?: string;
      icon?: string;
      command?: vscode.Command;
      contextValue?: string;
    } = {},
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.tooltip =
      this.options.tooltip ?? (this.options.description ? `${this.label}: ${this.options.description}` : this.label);
    if (this.options.icon) item.iconPath = new vscode.ThemeIcon(this.options.icon);
    item.command = this.options.command;
    item.contextValue = this.options.contextValue ?? 'kvsMessage';
    item.accessibilityInformation = {
      label: this.options.description ? `${this.label}, ${this.options.description}` : this.label,
    };
    return item;
  }
}
