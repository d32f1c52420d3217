import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** Builds the named entry points of scripts/build.mjs (webview, fragments, cli, kvs-local…) into dist/. */
export function buildBundles(...entries: string[]): void {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), `--only=${entries.join(',')}`], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`building ${entries.join(', ')} failed: ${r.stderr}`);
}
