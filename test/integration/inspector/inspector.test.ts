import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { InspectorApi } from '../../../src/inspector/register-inspector';
import type { InspectorView } from '../../../src/inspector/inspector-view';
import type { ChunkRecord, HostToWebview } from '../../../src/protocol';
import { readAllChunks } from '../../../src/core/getmedia/chunk-reader';
import { activateExtension, requiredEnv, waitFor } from '../support';

// Against the runner's kvs-local: "door" seeded from output_get_media.mkv, empty cam-0000 ... cam-1199, profile kvs-local.

const CAPTURE_EDITOR = 'kvsInspector.captureFile';
const repo = (): string => requiredEnv('KVS_REPO_ROOT');
const fixture = (name: string): string => join(repo(), 'test', 'fixtures', 'getmedia', name);
const recordsIn = (posted: HostToWebview[]): ChunkRecord[] =>
  posted.flatMap((m) => (m.type === 'records' ? m.records : []));
const ref = (streamName: string) => ({ target: { profile: 'kvs-local', region: 'us-east-1' }, streamName });

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('Inspector in a real workbench', () => {
  let inspector: InspectorApi;
  suiteSetup(async () => {
    const { api } = await activateExtension();
    inspector = (api as unknown as { inspector: InspectorApi }).inspector;
    assert.ok(inspector, 'activate() returns the inspector API');
  });
  suiteTeardown(closeAll);

  test('a stream from EARLIEST: the rows of the real capture reach the webview and are rendered', async () => {
    const expected = readAllChunks(readFileSync(fixture('output_get_media.mkv'))).records.map((r) => r.fragmentNumber);
    const view = await inspector.inspectStream(ref('door'), { type: 'EARLIEST' });
    const posted = view.recordMessages();
    await waitFor(
      'every chunk rendered in the webview',
      () => view.telemetry.lastRenderedIndex >= expected.length - 1,
      30_000,
    );
    const records = recordsIn(posted);
    assert.equal(records.length, expected.length);
    assert.equal(new Set(records.map((r) => r.fragmentNumber)).size, expected.length, 'distinct fragment numbers');
    for (const r of records) assert.equal(r.continuationToken, r.fragmentNumber);
    await waitFor('idle state', () => posted.some((m) => m.type === 'stats' && m.stats.state === 'idle'), 15_000);
    assert.ok(
      view.telemetry.renderDelays.every((d) => d >= 0 && d < 2000),
      `render delays ${view.telemetry.renderDelays.join(',')}`,
    );
    await closeAll();
    await waitFor('the view disposed with its panel', () => !inspector.views.has(view));
  });

  test('an injected in-band 4000 error arrives as an error row and a decoded banner; the session fails without retrying', async () => {
    const kvsUrl = requiredEnv('KVS_LOCAL_URL');
    const answer = await fetch(`${kvsUrl}/kvs-local/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ StreamName: 'cam-0007', Fault: 'error=4000' }),
    });
    assert.equal(answer.status, 200);
    const view: InspectorView = await inspector.inspectStream(ref('cam-0007'), { type: 'EARLIEST' });
    const posted = view.recordMessages();
    await waitFor('the error row rendered', () => view.telemetry.lastRenderedIndex >= 0, 30_000);
    const [error] = recordsIn(posted);
    assert.equal(error.errorId, 4000);
    const banner = posted.find((m) => m.type === 'banner' && m.banner !== null);
    assert.ok(banner && banner.type === 'banner' && banner.banner);
    assert.match(banner.banner.title, /4000/);
    assert.match(banner.banner.meaning, /not found/i);
    await waitFor('failed state', () => posted.some((m) => m.type === 'stats' && m.stats.state === 'failed'), 15_000);
    await closeAll();
  });

  test('a capture file opens in the read-only custom editor and streams through the same reader', async () => {
    const file = fixture('test_mixed_tags.mkv');
    const before = new Set(inspector.views);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), CAPTURE_EDITOR);
    const view = await waitFor('a capture view', () => [...inspector.views].find((v) => !before.has(v)), 15_000);
    await waitFor('all ten chunks rendered', () => view.telemetry.lastRenderedIndex >= 9, 30_000);
    await closeAll();
    await waitFor('the capture view disposed', () => !inspector.views.has(view));
  });

  test('the commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('kvsInspector.inspectStream'));
    assert.ok(commands.includes('kvsInspector.inspectCaptureFile'));
  });
});
