// Child processes in their own process groups, all killed at exit (success, failure, timeout, Ctrl-C):
// code-server's extension hosts otherwise outlive the run by hours.
import { spawn } from 'node:child_process';

const groups = new Set();
/** The kill in progress: a second Ctrl-C (the terminal's, then npm's forwarded one) waits for it, not exits early. */
let cleaning = null;

function killGroups(signal) {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      groups.delete(pid);
    }
  }
}

/** Kills every group started here: TERM, then KILL for any still alive after a grace period. */
export function killAll() {
  cleaning ??= (async () => {
    killGroups('SIGTERM');
    for (let i = 0; i < 30 && [...groups].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    killGroups('SIGKILL');
    groups.clear();
    cleaning = null;
  })();
  return cleaning;
}

function alive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    void killAll().then(() => process.exit(130));
  });
}
process.on('exit', () => killGroups('SIGKILL'));

/** Spawns `command` as the leader of a new process group; stdout/stderr go to `logStream` unless piped by the caller. */
export function spawnGroup(command, args, { env, cwd, logStream, pipeStdout = false } = {}) {
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', pipeStdout ? 'pipe' : 'pipe', 'pipe'],
  });
  groups.add(child.pid);
  child.on('exit', () => {
    if (!alive(child.pid)) groups.delete(child.pid);
  });
  if (logStream) {
    if (!pipeStdout) child.stdout.pipe(logStream, { end: false });
    child.stderr.pipe(logStream, { end: false });
  }
  return child;
}

/** Runs a command to completion (inherits output); rejects with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
      ...options,
    });
    let out = '';
    child.stdout?.on('data', (b) => {
      out += b;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * `env` as it was before npm ran us: npm exports its configuration (npm_config_*, among them a user agent naming
 * the outer Node), its lifecycle variables, INIT_CWD, NODE and node_modules/.bin on PATH. A nested npm takes all of
 * it as its own (code-server's postinstall then reads the outer Node's version from npm_config_user_agent).
 */
export function withoutNpmEnv(env = process.env) {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE'),
  );
  if (clean.PATH)
    clean.PATH = clean.PATH.split(':')
      .filter((dir) => !dir.endsWith('/node_modules/.bin'))
      .join(':');
  return clean;
}

export const timer = () => {
  const t0 = Date.now();
  return () => ((Date.now() - t0) / 1000).toFixed(1);
};

/** Runs a runner's `main` (resolving to an exit code), always kills every group it started, then exits with that code. */
export async function runToExit(label, main, step) {
  let code = 1;
  try {
    code = await main();
  } catch (error) {
    console.error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await killAll();
    step('stopped every process started');
  }
  process.exit(code);
}
