// `npm run bench -- <name> [args]`: bundles bench/<name>.ts with esbuild (npm packages stay external,
// so a baseline like `ebml` is only loaded where a bench script requires it) and runs it with node.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { TEST_BUNDLE } from './lib/test-bundle.mjs';

const root = process.cwd();
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
if (!name || !existsSync(join(root, 'bench', `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [args]; names: ${available.join(', ')}`);
  process.exit(1);
}
const outfile = join(root, 'out', 'bench', `${name}.js`);
await esbuild.build({
  ...TEST_BUNDLE,
  entryPoints: [join(root, 'bench', `${name}.ts`)],
  outfile,
  packages: 'external',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], {
  stdio: 'inherit',
  env: { ...process.env, KVS_REPO_ROOT: root },
});
process.exit(r.status ?? 1);
