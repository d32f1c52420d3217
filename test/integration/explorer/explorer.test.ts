import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateStreamCommand, DeleteStreamCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { activateExtension, labelOf, requiredEnv, waitFor, type KvsInspectorApi, type TreeNode } from '../support';

// Runs against the kvs-local the runner started: cam-0000 ... cam-1199 plus "door", profiles kvs-local (good keys),
// wrong-secret and by-process (credential_process with a second key pair), all in us-east-1, and environment
// credentials (the second pair again, AWS_REGION us-east-1).

const STREAMS = 1201;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('kvsInspector');

suite('Explorer in a real workbench', () => {
  let api: KvsInspectorApi;
  let sdkLoadedAtActivation = true;
  const kvsUrl = requiredEnv('KVS_LOCAL_URL');

  const roots = (): Promise<TreeNode[]> => api.explorer.provider.getChildren();
  const children = (node: TreeNode): Promise<TreeNode[]> => api.explorer.provider.getChildren(node);
  async function profileNode(name: string): Promise<TreeNode> {
    const found = (await roots()).find((n) => labelOf(n) === name);
    assert.ok(found, `profile ${name} in the tree: ${(await roots()).map(labelOf).join(', ')}`);
    return found;
  }
  async function regionNode(profile: string, region = 'us-east-1'): Promise<TreeNode> {
    const found = (await children(await profileNode(profile))).find((n) => labelOf(n) === region);
    assert.ok(found, `region ${region} under ${profile}`);
    return found;
  }
  const kind = (node: TreeNode): string | undefined => node.getTreeItem().contextValue;

  suiteSetup(async () => {
    const activation = await activateExtension();
    api = activation.api;
    sdkLoadedAtActivation = api.sdkLoaded();
    console.log(
      `activation: activate() body ${api.activationMs.toFixed(1)} ms; getExtension().activate() call ${activation.activateCallMs.toFixed(1)} ms (bundle load included)`,
    );
  });

  test('the settings the runner wrote to the user settings file are in effect', () => {
    assert.equal(config().get('endpoint'), kvsUrl);
    assert.equal(config().get('profile'), 'kvs-local');
  });

  test('activation does not load the AWS SDK; the first tree request does', async () => {
    assert.equal(sdkLoadedAtActivation, false);
    await api.explorer.provider
      .getChildren((await roots())[0])
      .then((regions) => api.explorer.provider.getChildren(regions[0]));
    assert.equal(api.sdkLoaded(), true);
  });

  test('the tree lists every profile of the shared files, the active one marked', async () => {
    const nodes = await roots();
    assert.deepEqual(nodes.map(labelOf), ['Environment credentials', 'by-process', 'kvs-local', 'wrong-secret']);
    const active = nodes.find((n) => labelOf(n) === 'kvs-local');
    assert.match(String(active?.getTreeItem().description), /^active/);
    assert.equal(active?.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  test('streams come a page at a time with a "load more" node, and all 1,201 load, sorted', async () => {
    const region = await regionNode('kvs-local');
    let nodes = await children(region);
    assert.equal(nodes.length, 101);
    assert.equal(kind(nodes[100]), 'kvsLoadMore');
    for (let guard = 0; guard < 20 && kind(nodes[nodes.length - 1]) === 'kvsLoadMore'; guard++) {
      await vscode.commands.executeCommand('kvsInspector.loadMoreStreams', region);
      nodes = await children(region);
    }
    const names = nodes.map(labelOf);
    assert.equal(names.length, STREAMS);
    assert.equal(new Set(names).size, STREAMS);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    assert.ok(nodes.every((n) => kind(n) === 'kvsStream'));
  });

  test('a stream shows its status, its facts as child rows, and carries the StreamRef that Inspect receives', async () => {
    const door = (await children(await regionNode('kvs-local'))).find((n) => labelOf(n) === 'door');
    assert.ok(door);
    const item = door.getTreeItem();
    assert.equal(item.description, 'ACTIVE');
    const ref = (
      door as unknown as {
        streamRef: {
          streamName: string;
          streamArn?: string;
          target: { profile: string; region: string; endpoint?: string };
        };
      }
    ).streamRef;
    assert.equal(ref.streamName, 'door');
    assert.deepEqual(ref.target, { profile: 'kvs-local', region: 'us-east-1', endpoint: kvsUrl });
    assert.match(ref.streamArn ?? '', /^arn:aws:kinesisvideo:us-east-1:\d{12}:stream\/door\/\d+$/);
    const facts = await children(door);
    assert.deepEqual(facts.slice(0, 2).map(labelOf), ['Status', 'ARN']);
    assert.equal(facts[1].getTreeItem().description, ref.streamArn);
    assert.ok(facts.some((f) => labelOf(f) === 'Data retention'));
    assert.ok(facts.some((f) => labelOf(f) === 'Created'));
  });

  test('expanding a stream asks DescribeStream for fresh facts; once deleted it shows a "not found" row', async () => {
    const kvs = new KinesisVideoClient({
      endpoint: kvsUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDKVSLOCAL', secretAccessKey: 'kvs-local-secret' },
    });
    try {
      const { StreamARN } = await kvs.send(
        new CreateStreamCommand({ StreamName: 'made-by-test', MediaType: 'video/h264', DataRetentionInHours: 24 }),
      );
      await vscode.commands.executeCommand('kvsInspector.filterStreams', await regionNode('kvs-local'), 'made-by-');
      const [stream] = await children(await regionNode('kvs-local'));
      assert.equal(labelOf(stream), 'made-by-test');
      const facts = new Map((await children(stream)).map((n) => [labelOf(n), String(n.getTreeItem().description)]));
      assert.equal(facts.get('Media type'), 'video/h264');
      assert.equal(facts.get('Data retention'), '24 hours');
      assert.equal(facts.get('ARN'), StreamARN);
      await kvs.send(new DeleteStreamCommand({ StreamARN }));
      const rows = await children(stream);
      assert.equal(kind(rows[rows.length - 1]), 'kvsError.not-found');
      assert.equal(labelOf(rows[0]), 'Status', 'what ListStreams said stays visible');
    } finally {
      kvs.destroy();
      await vscode.commands.executeCommand('kvsInspector.filterStreams', await regionNode('kvs-local'), '');
    }
  });

  test("Copy ARN and Copy Name put the stream's values on the clipboard", async () => {
    await vscode.commands.executeCommand('kvsInspector.filterStreams', await regionNode('kvs-local'), 'door');
    const door = (await children(await regionNode('kvs-local'))).find((n) => labelOf(n) === 'door');
    await vscode.commands.executeCommand('kvsInspector.filterStreams', await regionNode('kvs-local'), '');
    assert.ok(door, 'stream door under kvs-local / us-east-1');
    const arn = await vscode.commands.executeCommand<string>('kvsInspector.copyStreamArn', door);
    assert.equal(await vscode.env.clipboard.readText(), arn);
    assert.match(arn, /stream\/door\//);
    await vscode.commands.executeCommand('kvsInspector.copyStreamName', door);
    assert.equal(await vscode.env.clipboard.readText(), 'door');
  });

  test('a name prefix filter asks kvs-local for matching streams only', async () => {
    const region = await regionNode('kvs-local');
    await vscode.commands.executeCommand('kvsInspector.filterStreams', region, 'cam-05');
    const filtered = await regionNode('kvs-local');
    assert.equal(filtered.getTreeItem().description, 'name begins with "cam-05"');
    const names = (await children(filtered)).map(labelOf);
    assert.equal(names.length, 100);
    assert.ok(
      names.every((n) => n.startsWith('cam-05')),
      names.join(','),
    );
    await vscode.commands.executeCommand('kvsInspector.filterStreams', filtered, '');
    assert.equal((await children(await regionNode('kvs-local'))).length, 101);
  });

  test('a credential_process profile lists streams with the keys its script prints', async () => {
    const nodes = await children(await regionNode('by-process'));
    assert.equal(nodes.length, 101);
    assert.equal(labelOf(nodes[0]), 'cam-0000');
  });

  test('environment credentials are their own entry, in AWS_REGION, and list streams', async () => {
    const env = await profileNode('Environment credentials');
    assert.match(String(env.getTreeItem().description), /environment variables/);
    const [region] = await children(env);
    assert.equal(labelOf(region), 'us-east-1');
    assert.equal((await children(region)).length, 101);
  });

  test('a wrong secret is an error node that says what to do, not an empty tree', async () => {
    const nodes = await children(await regionNode('wrong-secret'));
    assert.equal(nodes.length, 1);
    assert.equal(kind(nodes[0]), 'kvsError.credentials-rejected');
    assert.match(labelOf(nodes[0]), /rejected the credentials of profile "wrong-secret"/);
    const help = await children(nodes[0]);
    assert.equal(labelOf(help[0]), 'What to do');
    assert.match(String(help[0].getTreeItem().description), /secret key/);
    assert.equal(labelOf(help[1]), 'InvalidSignatureException');
  });

  test('switching profile updates the status bar and the tree', async () => {
    assert.equal(
      await waitFor(
        'status bar for kvs-local',
        () => api.explorer.statusBarText().includes('kvs-local') && api.explorer.statusBarText(),
      ),
      '$(account) KVS: kvs-local (us-east-1)',
    );
    await vscode.commands.executeCommand('kvsInspector.switchProfile', 'wrong-secret');
    assert.equal(config().get('profile'), 'wrong-secret');
    await waitFor(
      'status bar for wrong-secret',
      () => api.explorer.statusBarText() === '$(account) KVS: wrong-secret (us-east-1)',
    );
    const active = (await roots()).find((n) => String(n.getTreeItem().description).startsWith('active'));
    assert.equal(active && labelOf(active), 'wrong-secret');
    await vscode.commands.executeCommand('kvsInspector.switchProfile', 'kvs-local');
    await waitFor(
      'status bar back on kvs-local',
      () => api.explorer.statusBarText() === '$(account) KVS: kvs-local (us-east-1)',
    );
  });

  test('regions added to a profile are shown after its own and remembered', async () => {
    await vscode.commands.executeCommand('kvsInspector.showOrHideRegions', 'kvs-local', ['eu-west-1', 'ap-south-1']);
    assert.deepEqual((await children(await profileNode('kvs-local'))).map(labelOf), [
      'us-east-1',
      'eu-west-1',
      'ap-south-1',
    ]);
    assert.deepEqual((await children(await profileNode('wrong-secret'))).map(labelOf), ['us-east-1']);
    await vscode.commands.executeCommand('kvsInspector.showOrHideRegions', 'kvs-local', []);
    assert.deepEqual((await children(await profileNode('kvs-local'))).map(labelOf), ['us-east-1']);
  });

  test('an endpoint that is not an http(s) URL is one error row naming the setting and the value', async () => {
    await config().update('endpoint', 'not a url', vscode.ConfigurationTarget.Global);
    try {
      const nodes = await waitFor('the endpoint row', async () => {
        const n = await roots();
        return n.length === 1 && /kvsInspector\.endpoint/.test(labelOf(n[0])) ? n : undefined;
      });
      assert.match(labelOf(nodes[0]), /^Setting kvsInspector\.endpoint: "not a url" is not a URL/);
    } finally {
      await config().update('endpoint', kvsUrl, vscode.ConfigurationTarget.Global);
    }
    assert.equal(labelOf((await roots())[0]), 'Environment credentials');
  });

  test('a workspace cannot set the endpoint (user settings only)', async () => {
    assert.equal(config().inspect('endpoint')?.workspaceValue, undefined);
    await assert.rejects(
      Promise.resolve(config().update('endpoint', 'http://attacker.example', vscode.ConfigurationTarget.Workspace)),
      /only into User settings/,
    );
    assert.equal(config().get('endpoint'), kvsUrl);
  });

  test('an endpoint where nothing listens is a "cannot reach" node naming the endpoint', async () => {
    const dead = 'http://127.0.0.1:9';
    await config().update('endpoint', dead, vscode.ConfigurationTarget.Global);
    try {
      const nodes = await waitFor(
        'the error node',
        async () => {
          const n = await children(await regionNode('kvs-local'));
          return n.length === 1 && kind(n[0]) === 'kvsError.network' ? n : undefined;
        },
        30_000,
      );
      assert.match(labelOf(nodes[0]), /Cannot reach the endpoint http:\/\/127\.0\.0\.1:9/);
    } finally {
      await config().update('endpoint', kvsUrl, vscode.ConfigurationTarget.Global);
    }
    assert.equal((await children(await regionNode('kvs-local'))).length, 101);
  });
});
