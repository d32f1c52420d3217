import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { InspectorApi } from '../../../src/inspector/register-inspector';
import { activateExtension, requiredEnv, waitFor } from '../support';

// The status bar's lag watch against the runner's kvs-local, told to stall "door" before its third chunk.

suite('Lag watch in a real workbench', () => {
  let inspector: InspectorApi;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('kvsInspector');
  suiteSetup(async () => {
    const { api } = await activateExtension();
    inspector = (api as unknown as { inspector: InspectorApi }).inspector;
    // Seeded fragments are from the past (their lag is huge): only the stall may warn here.
    await settings().update('lagWarningMs', 1e12, vscode.ConfigurationTarget.Global);
    await settings().update('stallWarningMs', 2000, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Fault null clears it: later suites read "door" as seeded.
    await fetch(`${requiredEnv('KVS_LOCAL_URL')}/kvs-local/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ StreamName: 'door', Fault: null }),
    });
    await settings().update('lagWarningMs', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('stallWarningMs', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the item shows the focused stream, turns to warning when kvs-local stalls it, and notifies once', async () => {
    const kvsUrl = requiredEnv('KVS_LOCAL_URL');
    const answer = await fetch(`${kvsUrl}/kvs-local/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ StreamName: 'door', Fault: 'stall=60@2' }),
    });
    assert.equal(answer.status, 200, await answer.text());
    const view = await inspector.inspectStream(
      { target: { profile: 'kvs-local', region: 'us-east-1' }, streamName: 'door' },
      { type: 'EARLIEST' },
    );
    const watch = inspector.lagWatch;
    const notes = watch.notifications.length;
    // A tick (once a second) between the first chunks and the 2 s stall threshold shows the normal reading.
    await waitFor('the normal reading with a lag', () => /^\$\(pulse\) door · [\d,]+ ms · /.test(watch.text), 30_000);
    assert.ok(view.stats().chunks >= 1);
    await waitFor('the warning', () => watch.warning, 15_000);
    assert.match(watch.text, /^\$\(warning\) door · .* · stalled \d+(\.\d)? s$/);
    assert.equal(watch.notifications.length, notes + 1);
    assert.match(watch.notifications[notes], /^KVS Inspector: door no chunk for/);
    await waitFor('a later tick', () => /stalled [3-9]/.test(watch.text), 10_000);
    assert.equal(watch.notifications.length, notes + 1, 'one notification per excursion');
  });
});
