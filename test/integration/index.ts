// extensionTestsPath for both runners (offline workbench and @vscode/test-electron): runs every bundled
// out/integration/**/*.test.js with mocha (TDD interface: suite/test/suiteSetup) and ends with one plain line
// "integration: N passed, N failed" that `npm test` adds up.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

function findSuites(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? findSuites(join(dir, entry.name))
      : entry.name.endsWith('.test.js')
        ? [join(dir, entry.name)]
        : [],
  );
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.KVS_INTEGRATION_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findSuites(__dirname).sort()) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      const runner = mocha.run(() => {
        console.log(`integration: ${passed} passed, ${failed} failed`);
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else if (passed === 0) reject(new Error('no integration test ran'));
        else resolve();
      });
      runner.on('pass', () => {
        passed++;
      });
      runner.on('fail', () => {
        failed++;
      });
    } catch (error) {
      console.log(`integration: ${passed} passed, ${failed + 1} failed`);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
