import * as vscode from 'vscode';
import type { AwsTarget } from '../aws/client-factory';
import { ENV_PROFILE } from '../aws/client-factory';
import type { ProfileInfo } from '../aws/profiles';
import { CommandId } from '../command-ids';
import { MessageNode } from './message-node';
import { RegionNode } from './region-node';
import type { StreamListings } from './stream-listings';
import type { TreeNode } from './tree-node';

const KIND_WORDS: Record<ProfileInfo['kind'], string> = {
  keys: 'access keys',
  session: 'session keys',
  role: 'role',
  sso: 'SSO',
  process: 'credential_process',
  environment: 'environment variables',
  unknown: 'no credentials found',
};

/** A profile (or the environment credentials): its regions as children; the active one starts expanded. */
export class ProfileNode implements TreeNode {
  readonly id: string;

  constructor(
    readonly profile: ProfileInfo,
    readonly regions: readonly string[],
    readonly active: boolean,
    private readonly endpoint: string | undefined,
    private readonly listings: StreamListings,
  ) {
    // The active flag is part of the id so that switching profile re-expands the new one.
    this.id = `profile:${profile.name}${active ? ':active' : ''}`;
  }

  target(region: string): AwsTarget {
    return { profile: this.profile.name, region, endpoint: this.endpoint };
  }

  getTreeItem(): vscode.TreeItem {
    const label = this.profile.name === ENV_PROFILE ? 'Environment credentials' : this.profile.name;
    const item = new vscode.TreeItem(
      label,
      this.active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.description = `${this.active ? 'active · ' : ''}${KIND_WORDS[this.profile.kind]}`;
    item.iconPath = new vscode.ThemeIcon(this.active ? 'account' : 'person');
    item.tooltip = `AWS profile ${this.profile.name} (${KIND_WORDS[this.profile.kind]})${this.profile.region ? `, region ${this.profile.region}` : ''}`;
    item.contextValue = 'kvsProfile';
    item.accessibilityInformation = { label: `${label}, AWS profile, ${item.description}` };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.regions.length === 0) {
      return [
        new MessageNode(`${this.id}/no-region`, 'No region for this profile', {
          description: 'click to choose regions',
          icon: 'globe',
          command: { title: 'Show or Hide Regions', command: CommandId.showOrHideRegions, arguments: [this] },
        }),
      ];
    }
    return this.regions.map(
      (region) =>
        new RegionNode(
          this.id,
          this.target(region),
          this.listings,
          this.active && this.regions.length === 1,
          this.profile.kind === 'sso',
        ),
    );
  }
}
