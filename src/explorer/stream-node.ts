import * as vscode from 'vscode';
import type { AwsTarget, StreamRef } from '../aws/client-factory';
import type { StreamSummary } from '../aws/streams';
import type { AwsProblem } from '../aws/errors';
import { ErrorNode } from './error-node';
import { CommandId } from '../command-ids';
import { MessageNode } from './message-node';
import type { TreeNode } from './tree-node';

const STATUS_ICON: Record<string, string> = {
  ACTIVE: 'broadcast',
  CREATING: 'loading~spin',
  UPDATING: 'sync~spin',
  DELETING: 'trash',
};

/** The facts of a stream as (label, value) rows, in the order a user looks for them. */
function streamFacts(s: StreamSummary): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['Status', s.status],
    ['ARN', s.arn],
    ['Media type', s.mediaType],
    [
      'Data retention',
      s.dataRetentionInHours === undefined
        ? undefined
        : s.dataRetentionInHours === 0
          ? '0 hours (no retention: live only)'
          : `${s.dataRetentionInHours} hours`,
    ],
    ['KMS key', s.kmsKeyId],
    ['Created', s.creationTime?.toISOString()],
    ['Device', s.deviceName],
    ['Version', s.version],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

/** Fetches a stream's current facts (DescribeStream); a failure comes back as the problem to show. */
export type DescribeStream = (ref: StreamRef) => Promise<StreamSummary | AwsProblem>;

const isProblem = (value: StreamSummary | AwsProblem): value is AwsProblem => 'whatToDo' in value;

/**
 * A stream: status as icon and description, its facts as children and tooltip; "Inspect" receives `streamRef`.
 * Expanding asks DescribeStream for fresh facts; ListStreams' copy is shown if that fails, with the error below.
 */
export class StreamNode implements TreeNode {
  readonly id: string;
  readonly streamRef: StreamRef;

  constructor(
    parentId: string,
    target: AwsTarget,
    readonly summary: StreamSummary,
    private readonly describe?: DescribeStream,
  ) {
    this.id = `${parentId}/stream:${summary.name}`;
    this.streamRef = { target, streamName: summary.name, streamArn: summary.arn };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.summary.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = this.summary.status;
    item.iconPath = new vscode.ThemeIcon(STATUS_ICON[this.summary.status ?? ''] ?? 'question');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**$(device-camera-video) `).appendText(this.summary.name).appendMarkdown('**\n\n');
    for (const [label, value] of streamFacts(this.summary))
      tooltip.appendText(`${label}: ${value}`).appendMarkdown('  \n');
    item.tooltip = tooltip;
    item.contextValue = 'kvsStream';
    item.accessibilityInformation = { label: `${this.summary.name}, ${this.summary.status ?? 'unknown status'}` };
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const fresh = this.describe ? await this.describe(this.streamRef) : this.summary;
    const facts = isProblem(fresh) ? this.summary : fresh;
    const rows: TreeNode[] = streamFacts(facts).map(
      ([label, value]) =>
        new MessageNode(`${this.id}/${label}`, label, {
          description: value,
          tooltip: label === 'ARN' ? `${value}\n(click to copy)` : `${label}: ${value}`,
          contextValue: label === 'ARN' ? 'kvsStreamArn' : 'kvsStreamFact',
          command:
            label === 'ARN' ? { title: 'Copy ARN', command: CommandId.copyStreamArn, arguments: [this] } : undefined,
        }),
    );
    if (isProblem(fresh)) rows.push(new ErrorNode(`${this.id}/error`, fresh));
    return rows;
  }
}
