// `npm test`: every suite in order (unit, integration in the offline workbench, e2e in a real browser),
// each run even when an earlier one failed, then one closing line "tests: N passed, N failed".
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const suites = ['test:unit', 'test:integration', 'test:e2e'].filter((s) => scripts[s]);
const totals = { passed: 0, failed: 0 };
const failedSuites = [];

function count(line) {
  const node = /^[ℹ#] (pass|fail) (\d+)$/.exec(line.trim());
  if (node) {
    totals[node[1] === 'pass' ? 'passed' : 'failed'] += Number(node[2]);
    return;
  }
  const plain = /^(?:[\w-]+: )?(\d+) passed, (\d+) failed/.exec(line.trim());
  if (plain) {
    totals.passed += Number(plain[1]);
    totals.failed += Number(plain[2]);
  }
}

for (const suite of suites) {
  console.log(`\n=== npm run ${suite}`);
  const code = await new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', suite], { stdio: ['ignore', 'pipe', 'inherit'] });
    let rest = '';
    child.stdout.on('data', (buf) => {
      process.stdout.write(buf);
      const lines = (rest + buf.toString()).split('\n');
      rest = lines.pop() ?? '';
      lines.forEach(count);
    });
    child.on('close', (c) => {
      if (rest) count(rest);
      resolve(c ?? 1);
    });
  });
  if (code !== 0) failedSuites.push(`${suite} (exit ${code})`);
}
if (failedSuites.length) console.log(`\nfailed suites: ${failedSuites.join(', ')}`);
if (failedSuites.length && totals.failed === 0) totals.failed = failedSuites.length;
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSuites.length ? 1 : 0);
