import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

/** Runs the real `kvs-local` CLI bundle as a child process and waits for its first line. */

export interface KvsLocalProcess {
  url: string;
  child: ChildProcess;
  firstLine: string;
  stop(): Promise<void>;
}

export function startKvsLocalProcess(args: string[]): Promise<KvsLocalProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/kvs-local.js'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (firstLine) => {
      const url = /^kvs-local listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)?.[1];
      if (!url) {
        child.kill();
        reject(new Error(`unexpected first line '${firstLine}' (stderr: ${stderr})`));
        return;
      }
      resolve({
        url,
        child,
        firstLine,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) {
              done();
              return;
            }
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`kvs-local exited with ${code} before listening: ${stderr}`)));
  });
}
