// Bundles test/integration/index.ts and every test/integration/**/*.test.ts (found by glob, never a hand-kept list)
// into out/integration, `vscode` and `mocha` external. Both runners (offline workbench, @vscode/test-electron) load
// out/integration/index.js, whose run() finds the bundled suites by glob again.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_BUNDLE } from '../lib/test-bundle.mjs';

const root = new URL('../..', import.meta.url).pathname;
const src = join(root, 'test/integration');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );

/** One folder per run (engineers sharing a checkout may run suites at once); removed when the process exits. */
export const integrationOutDir = join(root, 'out/integration', `run-${process.pid}`);

export async function buildIntegration({ removeOnExit = true } = {}) {
  if (removeOnExit) process.on('exit', () => rmSync(integrationOutDir, { recursive: true, force: true }));
  const suites = walk(src).sort();
  if (suites.length === 0) throw new Error('no test/integration/**/*.test.ts found');
  rmSync(integrationOutDir, { recursive: true, force: true });
  await esbuild.build({
    ...TEST_BUNDLE,
    entryPoints: [join(src, 'index.ts'), ...suites],
    outdir: integrationOutDir,
    outbase: src,
    external: ['vscode', 'mocha'],
  });
  return suites.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = await buildIntegration({ removeOnExit: false });
  console.log(`bundled ${n} integration suite file(s) into ${integrationOutDir}`);
}
