import * as vscode from 'vscode';
import { DEMO_PROFILE, type AwsTarget } from '../aws/client-factory';
import { RegionNode } from './region-node';
import type { StreamListings } from './stream-listings';
import type { TreeNode } from './tree-node';

/** Where the running demo streams are: kvs-local inside the extension, on 127.0.0.1. */
export interface DemoEndpoint {
  url: string;
  port: number;
  region: string;
}

/**
 * "Demo (local)": a root beside the profiles whose clients use the demo's endpoint and in-memory key pair
 * (DEMO_PROFILE), never the user's profiles or settings. Its region lists the demo streams.
 */
export class DemoNode implements TreeNode {
  readonly id: string;

  constructor(
    private readonly demo: DemoEndpoint,
    private readonly listings: StreamListings,
  ) {
    // The port is part of the id: a restarted demo is a new root with fresh listings.
    this.id = `demo:${demo.port}`;
  }

  target(): AwsTarget {
    return { profile: DEMO_PROFILE, region: this.demo.region, endpoint: this.demo.url };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Demo (local)', vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = `kvs-local on 127.0.0.1:${this.demo.port}`;
    item.iconPath = new vscode.ThemeIcon('beaker');
    item.tooltip = `Demo streams served inside VS Code by kvs-local at ${this.demo.url}: no AWS account used. "Stop Demo Streams" stops it.`;
    item.contextValue = 'kvsDemo';
    item.accessibilityInformation = { label: `Demo (local), demo streams on 127.0.0.1 port ${this.demo.port}` };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    return [new RegionNode(this.id, this.target(), this.listings, true)];
  }
}
