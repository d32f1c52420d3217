import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring only: the explorer and the inspector register themselves here.
}

export function deactivate(): void {}
