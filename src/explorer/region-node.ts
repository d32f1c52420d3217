import * as vscode from 'vscode';
import type { AwsTarget } from '../aws/client-factory';
import { offersSsoSignIn } from '../aws/sso-session';
import { ErrorNode } from './error-node';
import { MessageNode } from './message-node';
import type { StreamListings } from './stream-listings';
import { StreamNode } from './stream-node';
import type { TreeNode } from './tree-node';

/** Runs "load more" for a region: registered by the explorer, not shown in the palette. */
export const LOAD_MORE_COMMAND = 'kvsInspector.loadMoreStreams';

/** A region of a profile: its streams, a page at a time, filtered by name prefix. */
export class RegionNode implements TreeNode {
  readonly id: string;

  constructor(
    parentId: string,
    readonly target: AwsTarget,
    private readonly listings: StreamListings,
    private readonly expanded: boolean,
    /** The profile signs in with IAM Identity Center (SSO): its credential errors offer "Sign in". */
    private readonly usesSso = false,
  ) {
    this.id = `${parentId}/region:${target.region}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.target.region,
      this.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    const filter = this.listings.filterOf(this.target);
    item.description = filter ? `name begins with "${filter}"` : undefined;
    item.iconPath = new vscode.ThemeIcon(filter ? 'filter' : 'globe');
    item.tooltip = `${this.target.profile} in ${this.target.region}${this.target.endpoint ? ` via ${this.target.endpoint}` : ''}`;
    item.contextValue = filter ? 'kvsRegion.filtered' : 'kvsRegion';
    item.accessibilityInformation = { label: `${this.target.region}, region${filter ? `, ${item.description}` : ''}` };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const listing = await this.listings.get(this.target);
    const nodes: TreeNode[] = listing.streams.map(
      (s) => new StreamNode(this.id, this.target, s, (ref) => this.listings.describe(ref)),
    );
    if (listing.problem) {
      const signIn = offersSsoSignIn(listing.problem, this.target.profile, this.usesSso);
      nodes.push(new ErrorNode(`${this.id}/error`, listing.problem, signIn ? this.target.profile : undefined));
    }
    if (listing.nextToken) {
      // After a failed page the token is kept: the same row retries it.
      nodes.push(
        new MessageNode(
          `${this.id}/more:${listing.streams.length}`,
          listing.problem ? 'Retry loading more streams…' : 'Load more streams…',
          {
            description: `${listing.streams.length} shown`,
            icon: 'ellipsis',
            contextValue: 'kvsLoadMore',
            command: { title: 'Load more streams', command: LOAD_MORE_COMMAND, arguments: [this] },
          },
        ),
      );
    } else if (listing.streams.length === 0 && !listing.problem) {
      const filter = this.listings.filterOf(this.target);
      nodes.push(
        new MessageNode(
          `${this.id}/empty`,
          filter ? `No stream name begins with "${filter}"` : 'No streams in this region',
          { icon: 'info' },
        ),
      );
    }
    return nodes;
  }
}
