import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/paths';

// AWS SDK v3 releases from January 2027 on require Node >= 22, while our `engines` still admit VS Code builds whose
// extension host runs Node 20 (docs/TOOLCHAIN.md). The SDK is pinned below that cut; this keeps the lock honest.

type Version = [number, number, number];
interface LockEntry {
  dev?: boolean;
  version?: string;
  engines?: { node?: string };
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(join(repoRoot, name), 'utf8'));

/** The lowest Node a `>=X[.Y[.Z]]` range admits; null for any other form (which this check does not guess at). */
function floorOf(range: string): Version | null {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

const atMost = (a: Version, b: Version): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] <= b[2];

describe('the Node our engines promise', () => {
  test('every runtime package and every AWS SDK package in the lock runs on the lowest Node engines.node admits', () => {
    const manifest = readJson('package.json') as { engines: { node: string } };
    const ours = floorOf(manifest.engines.node);
    assert.ok(ours, `engines.node '${manifest.engines.node}' is not a >= range`);
    const lock = readJson('package-lock.json') as { packages: Record<string, LockEntry> };
    const checked: string[] = [];
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const isSdk = /node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(path);
      if (path === '' || (entry.dev && !isSdk)) continue;
      const range = entry.engines?.node;
      if (range === undefined) continue;
      checked.push(path);
      const floor = floorOf(range);
      if (!floor || !atMost(floor, ours)) refused.push(`${path}@${entry.version}: engines.node '${range}'`);
    }
    assert.ok(checked.length > 20, `only ${checked.length} packages declare engines.node: is the lock complete?`);
    assert.deepEqual(refused, [], `these need a newer Node than engines.node '${manifest.engines.node}'`);
  });
});
