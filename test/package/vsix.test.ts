import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { repoRoot } from '../support/paths';
import { listZip, type ZipEntry } from './zip-listing';

// What a marketplace user installs: `npm run package` (production bundles + vsce package) must give a small
// .vsix holding exactly what runs. The e2e journeys then install this same file into the workbench.

const vsix = join(repoRoot, 'kvs-inspector.vsix');
const MAX_BYTES = 3 * 1024 * 1024;
let entries: ZipEntry[] = [];
const names = (): string[] => entries.map((e) => e.name);

describe('the packaged .vsix', () => {
  before(() => {
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    entries = listZip(vsix);
    const size = statSync(vsix).size;
    console.log(`kvs-inspector.vsix: ${size} bytes, ${entries.length} files`);
    for (const e of entries) console.log(`  ${String(e.size).padStart(8)}  ${e.name}`);
  });

  test('stays under 3 MB', () => {
    assert.ok(statSync(vsix).size < MAX_BYTES, `${statSync(vsix).size} bytes`);
  });

  test('ships the bundles, the manifest, the icon, README, CHANGELOG and LICENSE', () => {
    for (const name of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/webview.js',
      'extension/media/icon.png',
      'extension/media/inspector.css',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
    ]) {
      assert.ok(names().includes(name), `${name} is missing from the .vsix`);
    }
  });

  test("ships the demo streams' real captures with their LICENSE and NOTICE, and the walkthrough pages", () => {
    for (const name of [
      'extension/media/demo/kinesis_video_renderer_example_output.mkv',
      'extension/media/demo/test_mixed_tags.mkv',
      'extension/media/demo/LICENSE',
      'extension/media/demo/NOTICE',
      'extension/media/walkthrough/demo-streams.md',
    ]) {
      assert.ok(names().includes(name), `${name} is missing from the .vsix`);
    }
  });

  test('ships nothing that does not run: no sources, tests, tools, maps or node_modules', () => {
    const stray = names().filter(
      (n) =>
        /^extension\/(src|test|tools|bench|scripts|webview|node_modules|out)\//.test(n) ||
        n.endsWith('.map') ||
        n.endsWith('.ts'),
    );
    assert.deepEqual(stray, []);
  });

  test('every file the manifest names is inside', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      main: string;
      icon: string;
      contributes: unknown;
    };
    const referenced = [
      manifest.main,
      manifest.icon,
      ...(JSON.stringify(manifest.contributes).match(/media\/[\w./-]+/g) ?? []),
    ];
    for (const file of referenced)
      assert.ok(
        names().includes(`extension/${file.replace(/^\.\//, '')}`),
        `${file} is named by package.json but not packaged`,
      );
  });

  test('the extension bundle is self-contained: only vscode and Node built-ins are required at run time', () => {
    const bundle = readFileSync(join(repoRoot, 'dist/extension.js'), 'utf8');
    // `[require("...")]` is advice inside an SDK error message, not a call.
    const required = new Set([...bundle.matchAll(/(?<!\[)require\("([^"]+)"\)/g)].map((m) => m[1]));
    const external = [...required].filter(
      (m) => m !== 'vscode' && !m.startsWith('node:') && !BUILTINS.has(m.split('/')[0]),
    );
    assert.deepEqual(external, [], 'unbundled dependencies would fail on install');
    assert.ok(!bundle.includes('webview-ui-toolkit'), 'the deprecated toolkit must not ship');
  });
});

const BUILTINS = new Set([
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'process',
  'querystring',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'async_hooks',
  'perf_hooks',
  'v8',
  'vm',
]);
