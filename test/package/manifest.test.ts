import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: { supported: boolean | 'limited'; description?: string };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

describe('package.json: what a workspace may set, and trust', () => {
  test('kvsInspector.endpoint is a user-only setting: a workspace cannot redirect signed calls', () => {
    assert.ok(['application', 'machine'].includes(settings['kvsInspector.endpoint'].scope ?? ''));
  });

  test('untrusted and virtual workspace support is declared, with a reason, naming only real settings', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.ok((trust?.description ?? '').length > 20);
    for (const name of trust?.restrictedConfigurations ?? []) assert.ok(settings[name], `${name} is not a setting`);
    assert.ok(manifest.capabilities?.virtualWorkspaces?.description);
  });
});
