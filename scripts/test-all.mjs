// `npm test`: the prepare step first (setup.sh: Debian packages, Node 24, Node 22, code-server; once, cached), then
// every suite in order (lint, unit, unit on Node 22, integration in the offline workbench, e2e in a real browser),
// each run even when an earlier one failed, then one closing line "tests: N passed, N failed".
// A failed prepare step stops at once with its own one-line reason: no suite could run without it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setup } from './vscode-offline/lib/environment.mjs';
import { timer } from './vscode-offline/lib/processes.mjs';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const suites = ['lint', 'test:unit', 'test:unit:node22', 'test:integration', 'test:e2e'].filter((s) => scripts[s]);
const totals = { passed: 0, failed: 0 };
const failedSuites = [];
const timings = [];

function count(line) {
  const node = /^[ℹ#] (pass|fail) (\d+)$/.exec(line.trim());
  if (node) {
    totals[node[1] === 'pass' ? 'passed' : 'failed'] += Number(node[2]);
    return true;
  }
  const plain = /^(?:[\w-]+: )?(\d+) passed, (\d+) failed/.exec(line.trim());
  if (plain) {
    totals.passed += Number(plain[1]);
    totals.failed += Number(plain[2]);
    return true;
  }
  return false;
}

/** Runs one suite; resolves with its exit code and whether it printed any pass/fail count. */
function runSuite(suite) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', suite], { stdio: ['ignore', 'pipe', 'inherit'] });
    let rest = '';
    let counted = false;
    child.stdout.on('data', (buf) => {
      process.stdout.write(buf);
      const lines = (rest + buf.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) counted = count(line) || counted;
    });
    child.on('close', (code) => {
      if (rest) counted = count(rest) || counted;
      resolve({ code: code ?? 1, counted });
    });
  });
}

const prepared = timer();
console.log('=== prepare (Debian packages, Node 24, Node 22, code-server)');
await setup();
timings.push(`prepare ${prepared()} s`);

for (const suite of suites) {
  console.log(`\n=== npm run ${suite}`);
  const elapsed = timer();
  const failedBefore = totals.failed;
  const { code, counted } = await runSuite(suite);
  timings.push(`${suite} ${elapsed()} s`);
  if (code !== 0) failedSuites.push(`${suite} (exit ${code})`);
  // A suite without counts of its own (lint) is one test; a failed suite counts at least one failure.
  if (!counted && code === 0) totals.passed += 1;
  else if (code !== 0 && totals.failed === failedBefore) totals.failed += 1;
}
console.log(`\ntimings: ${timings.join(', ')}`);
if (failedSuites.length) console.log(`failed suites: ${failedSuites.join(', ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSuites.length ? 1 : 0);
