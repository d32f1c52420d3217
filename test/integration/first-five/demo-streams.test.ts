import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StreamRef } from '../../../src/aws/client-factory';
import { activateExtension, labelOf, waitFor, type KvsInspectorApi, type TreeNode } from '../support';
import { portRefused } from '../../support/ports';

// The demo streams in a real workbench whose settings point kvsInspector.endpoint at another kvs-local and whose
// profiles are the runner's: the Demo (local) root lists its own streams through its own endpoint and key pair.
// This folder sorts after explorer/, whose suite checks that activation loads no SDK: starting the demo loads it.

suite('Demo streams in a real workbench', () => {
  let api: KvsInspectorApi;
  const roots = (): Promise<TreeNode[]> => api.explorer.provider.getChildren();
  const children = (node: TreeNode): Promise<TreeNode[]> => api.explorer.provider.getChildren(node);
  suiteSetup(async () => {
    api = (await activateExtension()).api;
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('kvsInspector.stopDemoStreams');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Start Demo Streams: a Demo (local) root first, its streams listed through its own endpoint', async () => {
    const url = await vscode.commands.executeCommand<string>('kvsInspector.startDemoStreams');
    assert.match(String(url), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(url, vscode.workspace.getConfiguration('kvsInspector').get('endpoint'));
    const demo = await waitFor('the Demo (local) root', async () =>
      (await roots()).find((n) => labelOf(n) === 'Demo (local)'),
    );
    assert.equal(labelOf((await roots())[0]), 'Demo (local)');
    assert.ok(
      (await roots()).some((n) => labelOf(n) === 'kvs-local'),
      "the user's profiles stay",
    );
    const [region] = await children(demo);
    const streams = (await children(region)).map(labelOf);
    assert.deepEqual(streams, ['demo-error', 'demo-live', 'demo-producer-tags', 'demo-recorded']);
  });

  test("the error stream's in-band 4500 reaches the inspector as a banner", async () => {
    const demo = (await roots()).find((n) => labelOf(n) === 'Demo (local)');
    assert.ok(demo);
    const [region] = await children(demo);
    const node = (await children(region)).find((n) => labelOf(n) === 'demo-error') as unknown as {
      streamRef: StreamRef;
    };
    const view = await api.inspector.inspectStream(node.streamRef, { type: 'EARLIEST' });
    const posted = view.recordMessages();
    const banner = await waitFor(
      'the 4500 banner',
      () => posted.find((m) => m.type === 'banner' && m.banner !== null && /4500/.test(m.banner.title)),
      30_000,
    );
    assert.ok(banner);
  });

  test('Stop Demo Streams: the root goes and nothing listens on its port', async () => {
    const port = api.demo.current()?.port;
    assert.ok(port);
    await vscode.commands.executeCommand('kvsInspector.stopDemoStreams');
    assert.equal(api.demo.current(), undefined);
    assert.ok(!(await roots()).some((n) => labelOf(n) === 'Demo (local)'));
    assert.equal(await portRefused(port), true);
  });
});
