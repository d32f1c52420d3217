import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { createExtensionServices } from '../../src/aws/extension-services';
import { StreamListings } from '../../src/explorer/stream-listings';
import { problemRows } from '../../src/explorer/problem-rows';
import type { AwsTarget } from '../../src/aws/client-factory';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';

// A credential_process that never answers: the row says so once the (here shortened) time limit passes, the
// process is killed, and a Refresh while it runs joins it instead of starting another process.

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), `timed out waiting for ${what}`);
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('credential resolution: time limit, one process at a time', () => {
  let kvs: KvsLocalHandle;
  let files: AwsFiles;
  let starts: string;
  const lines: string[] = [];
  const services = createExtensionServices({
    log: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) },
    readEndpoint: () => kvs.url,
    credentialTimeoutMs: 1_500,
  });
  const target = (): AwsTarget => ({ profile: 'hangs', region: 'us-east-1', endpoint: services.endpointOverride() });
  const started = (): string[] => (existsSync(starts) ? readFileSync(starts, 'utf8').trim().split('\n') : []);

  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined, streams: [{ prefix: 'cam-', count: 3 }] });
    files = useAwsFiles('', '');
    starts = join(files.dir, 'starts.txt');
    const script = join(files.dir, 'hang.sh');
    // Records its pid, then waits for input that never comes (as a login prompt would).
    writeFileSync(script, `#!/bin/sh\necho $$ >> ${starts}\nexec sleep 600\n`, { mode: 0o755 });
    writeFileSync(
      files.configFile,
      `[profile hangs]\nregion = us-east-1\ncredential_process = ${script} --api-token=hunter2\n`,
    );
  });
  after(async () => {
    services.resetClients();
    await kvs.close();
    files.restore();
  });

  test('a Refresh while the process runs starts no other; both rows say it did not answer; the process is killed', async () => {
    const listings = new StreamListings(services);
    const first = listings.get(target());
    await until(() => started().length === 1, 'the credential_process to start');
    // What Refresh does: drop clients and loaded listings, then ask again.
    services.resetClients();
    listings.forget();
    const second = listings.get(target());
    const [a, b] = await Promise.all([first, second]);

    assert.equal(started().length, 1, 'one process for two requests');
    for (const listing of [a, b]) {
      assert.equal(listing.problem?.kind, 'credentials-unanswered');
      const rows = problemRows(listing.problem!);
      assert.equal(rows.label, 'credential_process did not answer for profile "hangs"');
      assert.match(rows.detail.description, /did not answer within 2 s/);
      assert.ok(!JSON.stringify(rows).includes('hunter2'));
    }
    const pid = Number(started()[0]);
    await until(() => !isAlive(pid), `process ${pid} to be killed`);
    assert.ok(!lines.join('\n').includes('hunter2'), lines.join('\n'));
  });

  test('after the time limit a new Refresh tries again with a new process', async () => {
    services.resetClients();
    const listing = await new StreamListings(services).get(target());
    assert.equal(listing.problem?.kind, 'credentials-unanswered');
    assert.equal(started().length, 2);
  });
});
