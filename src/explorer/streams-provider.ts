import * as vscode from 'vscode';
import { classifyAwsError } from '../aws/errors';
import type { ExplorerModel } from './explorer-model';
import { ContextKey } from '../command-ids';
import { DemoNode } from './demo-node';
import { MessageNode } from './message-node';
import { ProfileNode } from './profile-node';
import type { TreeNode } from './tree-node';

/** Context keys for the welcome view and the walkthrough's "connect a profile" step. */
function setProfileContext(count: number): void {
  void vscode.commands.executeCommand('setContext', ContextKey.profilesLoaded, true);
  void vscode.commands.executeCommand('setContext', ContextKey.hasProfiles, count > 0);
}

/** The "Streams" view: profiles at the root, then regions, streams and their facts. */
export class StreamsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: ExplorerModel) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren ? node.getChildren() : [];
    return this.roots();
  }

  /** Redraws one node, or the whole tree when none is given. */
  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async roots(): Promise<TreeNode[]> {
    const demo = this.model.demo ? [new DemoNode(this.model.demo, this.model.listings)] : [];
    return [...demo, ...(await this.profileRoots())];
  }

  private async profileRoots(): Promise<TreeNode[]> {
    const setting = this.model.services.endpointSetting();
    if (setting.kind === 'invalid') {
      // No call is signed for a bad endpoint: the one row says which setting and which value.
      return [new MessageNode('endpoint-error', setting.message, { icon: 'error', tooltip: setting.message })];
    }
    let profiles;
    try {
      profiles = await this.model.loadProfiles();
    } catch (error) {
      const problem = classifyAwsError(error, { profile: 'default', region: '' });
      this.model.services.log.error(`Reading the AWS config files failed: ${problem.detail}`);
      return [
        new MessageNode('profiles-error', 'Cannot read the AWS config files', {
          description: problem.detail,
          icon: 'error',
        }),
      ];
    }
    setProfileContext(profiles.length);
    // No profile: an empty tree, so that the welcome view (package.json viewsWelcome) offers the demo streams.
    if (profiles.length === 0) return [];
    const active = this.model.activeProfile();
    const endpoint = this.model.endpoint();
    return profiles.map(
      (p) => new ProfileNode(p, this.model.regionsFor(p), p.name === active, endpoint, this.model.listings),
    );
  }
}
