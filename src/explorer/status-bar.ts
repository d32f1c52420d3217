import * as vscode from 'vscode';
import { CommandId } from '../command-ids';
import type { ExplorerModel } from './explorer-model';
import { ENV_PROFILE } from '../aws/client-factory';

/** `KVS: profile (region)` in the status bar; a click switches profile. */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kvsInspector.profile', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly model: ExplorerModel) {
    this.item.name = 'KVS Inspector profile';
    this.item.command = CommandId.switchProfile;
  }

  update(): void {
    const name = this.model.activeProfile();
    if (!name) {
      this.item.text = '$(account) KVS: no profile';
      this.item.tooltip = 'No AWS profile found: add one to ~/.aws/config or ~/.aws/credentials';
    } else {
      const profile = this.model.knownProfiles().find((p) => p.name === name);
      const region = profile ? this.model.regionsFor(profile)[0] : undefined;
      const shown = name === ENV_PROFILE ? 'environment' : name;
      this.item.text = `$(account) KVS: ${shown}${region ? ` (${region})` : ''}`;
      this.item.tooltip = `Kinesis Video Streams profile ${shown}${region ? ` in ${region}` : ''}${this.model.endpoint() ? ` via ${this.model.endpoint()}` : ''}. Click to switch.`;
    }
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
