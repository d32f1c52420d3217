// Finds test/**/*.test.ts by glob (no hand-kept list; test/integration and test/e2e have their own runners), bundles each with esbuild, runs node's test runner.
// `npm run test:unit -- core kvs-local` runs only files whose path contains one of the words;
// `-- values --test-name-pattern=hostile` only the tests of those files whose name matches.
// `--node=22` (npm run test:unit:node22) runs the same files on the Node 22 the prepare step installs (setup.sh).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TEST_BUNDLE } from './lib/test-bundle.mjs';

const root = process.cwd();
const onNode22 = process.argv.includes('--node=22');
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// `--test-name-pattern=TEXT` goes to node's runner: one test by name (node refuses it in NODE_OPTIONS).
const namePatterns = process.argv.slice(2).filter((a) => a.startsWith('--test-name-pattern='));
const testRoot = join(root, 'test');
const OTHER_RUNNERS = new Set([join(testRoot, 'integration'), join(testRoot, 'e2e'), join(testRoot, 'fixtures')]);
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return OTHER_RUNNERS.has(path) ? [] : walk(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
const files = walk(testRoot)
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();
if (files.length === 0) {
  console.error(`no unit test matches ${filters.join(' ')}`);
  process.exit(1);
}

// Only the Node 22 run needs the prepare step (imported lazily: a plain run starts nothing but node).
const testNode = onNode22
  ? (await (await import('./vscode-offline/lib/environment.mjs')).setup()).node22
  : process.execPath;

// One folder per run: two runs at once (two engineers, or a watcher) must not delete each other's bundles.
const outdir = join(root, 'out', `unit-${process.pid}`);
rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  ...TEST_BUNDLE,
  entryPoints: files,
  outdir,
  outbase: testRoot,
  packages: 'external',
});
const built = files.map((f) => join(outdir, relative(testRoot, f)).replace(/\.ts$/, '.js'));
console.log(`unit tests on node ${spawnSync(testNode, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
const r = spawnSync(
  testNode,
  ['--enable-source-maps', '--test', '--test-reporter=spec', '--test-concurrency=1', ...namePatterns, ...built],
  // The SDK warns once per process that releases after early 2027 need Node 22; the plain run is on Node 20 by design.
  {
    stdio: 'inherit',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, KVS_REPO_ROOT: root },
  },
);
rmSync(outdir, { recursive: true, force: true });
process.exit(r.status ?? 1);
