// Bundles every entry point with esbuild. `--production` minifies; `--only=a,b` builds a subset.
import { existsSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined;

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };
const browser = { ...common, platform: 'browser', target: 'es2022', format: 'iife' };

/** @type {Record<string, import('esbuild').BuildOptions>} */
const entries = {
  extension: { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  webview: { ...browser, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' },
  fragments: { ...browser, entryPoints: ['webview/fragments/main.ts'], outfile: 'dist/fragments.js' },
  cli: {
    ...node,
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/kvs-inspect.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  'kvs-local': { ...node, entryPoints: ['kvs-local/main.ts'], outfile: 'dist/kvs-local.js', packages: 'external' },
};

const unknown = (only ?? []).filter((name) => !(name in entries));
if (unknown.length) fail(`unknown --only entry ${unknown.join(', ')} (known: ${Object.keys(entries).join(', ')})`);
const selected = Object.entries(entries).filter(([name]) => !only || only.includes(name));
// A renamed or moved entry point must stop the build, not quietly build nothing.
const missing = selected.map(([, opts]) => /** @type {string[]} */ (opts.entryPoints)[0]).filter((p) => !existsSync(p));
if (missing.length) fail(`missing entry point ${missing.join(', ')}: update scripts/build.mjs`);
await Promise.all(selected.map(([, opts]) => esbuild.build(opts)));
console.log(`built ${selected.map(([n]) => n).join(', ')}${production ? ' (production)' : ''}`);

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}
