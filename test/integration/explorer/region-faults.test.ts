import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, labelOf, requiredEnv, type KvsInspectorApi, type TreeNode } from '../support';

// Control-plane faults as the drawn tree shows them: kvs-local's admin call makes ListStreams fail for every caller,
// then the region node's rows are read through the tree provider. This file sorts after explorer.test.ts on purpose:
// that suite checks that activation does not load the AWS SDK, which these tests would do first.

const FIRST_PAGE = 101; // 100 streams and the "load more" row
const kind = (node: TreeNode): string | undefined => node.getTreeItem().contextValue;

suite('Explorer rows for ListStreams faults in a real workbench', () => {
  let api: KvsInspectorApi;
  const kvsUrl = requiredEnv('KVS_LOCAL_URL');

  const children = (node?: TreeNode): Promise<TreeNode[]> => api.explorer.provider.getChildren(node);
  async function region(): Promise<TreeNode> {
    const profile = (await children()).find((n) => labelOf(n) === 'kvs-local');
    assert.ok(profile, 'profile kvs-local in the tree');
    const found = (await children(profile)).find((n) => labelOf(n) === 'us-east-1');
    assert.ok(found, 'region us-east-1 under kvs-local');
    return found;
  }
  /** Refresh on the region drops its cached listing, so the next expand really calls ListStreams. */
  async function refreshedRegion(): Promise<TreeNode> {
    await vscode.commands.executeCommand('kvsInspector.refresh', await region());
    return region();
  }
  async function setListStreamsFault(body: { Fault?: string; Count?: number }): Promise<unknown> {
    const answer = await fetch(`${kvsUrl}/kvs-local/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Operation: 'ListStreams', ...body }),
    });
    const text = await answer.text();
    assert.equal(answer.status, 200, `kvs-local fault call: ${text}`);
    return JSON.parse(text) as unknown;
  }
  function assertStreamsShown(nodes: TreeNode[]): void {
    assert.equal(nodes.length, FIRST_PAGE, nodes.map(labelOf).join(', '));
    assert.equal(labelOf(nodes[0]), 'cam-0000');
    assert.ok(nodes.slice(0, 100).every((n) => kind(n) === 'kvsStream'));
    assert.equal(kind(nodes[100]), 'kvsLoadMore');
    assert.ok(!nodes.some((n) => kind(n)?.startsWith('kvsError')), 'no error row');
  }

  suiteSetup(async () => {
    api = (await activateExtension()).api;
  });

  teardown(async () => {
    await setListStreamsFault({});
    await refreshedRegion();
  });

  test('access denied on ListStreams: one error row whose first child is "What to do"; cleared + Refresh shows the streams', async () => {
    await setListStreamsFault({ Fault: 'access-denied' });
    const nodes = await children(await refreshedRegion());
    assert.equal(nodes.length, 1, nodes.map(labelOf).join(', '));
    const [error] = nodes;
    assert.equal(kind(error), 'kvsError.access-denied');
    assert.equal(labelOf(error), 'Access denied for profile "kvs-local" in us-east-1');
    const item = error.getTreeItem();
    assert.equal(
      item.collapsibleState,
      vscode.TreeItemCollapsibleState.Expanded,
      'the advice is visible without a click',
    );
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error', 'a denial is an error, not a passing warning');

    const help = await children(error);
    assert.deepEqual(help.map(labelOf), ['What to do', 'AccessDeniedException']);
    assert.match(String(help[0].getTreeItem().description), /kinesisvideo:ListStreams/);
    assert.equal(
      help[1].getTreeItem().description,
      'User: arn:aws:iam::123456789012:user/AKIDKVSLOCAL is not authorized to perform: kinesisvideo:ListStreams on resource: *',
    );

    assert.equal(kind((await children(await region()))[0]), 'kvsError.access-denied', 'the row stays until Refresh');
    assert.deepEqual(await setListStreamsFault({}), { Cleared: 'ListStreams' });
    assertStreamsShown(await children(await refreshedRegion()));
  });

  test('ListStreams throttled twice: the explorer backs off and retries, and the streams show with no error row', async () => {
    const region = await refreshedRegion();
    assert.deepEqual(await setListStreamsFault({ Fault: 'throttle', Count: 2 }), {
      Injected: 'throttle',
      Operation: 'ListStreams',
      Count: 2,
    });
    const started = performance.now();
    const nodes = await children(region);
    const elapsedMs = performance.now() - started;
    assertStreamsShown(nodes);
    // Backoff waits at least half of 500 ms, then half of 1,000 ms: a listing this fast would mean no retry waited.
    assert.ok(elapsedMs >= 750, `the listing took ${Math.round(elapsedMs)} ms; two backoff waits take at least 750 ms`);
  });
});
