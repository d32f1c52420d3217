// One code-server on 127.0.0.1 with an ephemeral port, its own config, user data, extensions and XDG dirs.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnGroup, run } from './processes.mjs';

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      });
  });
}

/** A clean env for code-server: no PORT (it beats the config's bind-addr), XDG dirs inside the run's folder. */
function serverEnv(dir, extraEnv) {
  const env = { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), XDG_CONFIG_HOME: join(dir, 'xdg'), ...extraEnv };
  delete env.PORT;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

export async function installExtension({ node24, codeServer }, dir, vsix) {
  await run(
    node24,
    [
      codeServer,
      '--extensions-dir',
      join(dir, 'extensions'),
      '--user-data-dir',
      join(dir, 'install-ud'),
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: serverEnv(dir, {}) },
  );
}

/**
 * Starts code-server; resolves once /healthz answers. `settings` are written to the user settings first;
 * `env` is the server's own environment, which its extension host inherits.
 */
export async function startCodeServer({ node24, codeServer }, dir, { name, settings = {}, env = {}, args = [] }) {
  const home = join(dir, name);
  mkdirSync(join(home, 'ud', 'User'), { recursive: true });
  mkdirSync(join(home, 'workspace'), { recursive: true });
  writeFileSync(join(home, 'ud', 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  const port = await freePort();
  writeFileSync(join(home, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = createWriteStream(join(dir, 'logs', `code-server-${name}.log`));
  const child = spawnGroup(
    node24,
    [
      codeServer,
      '--config',
      join(home, 'config.yaml'),
      '--user-data-dir',
      join(home, 'ud'),
      '--extensions-dir',
      join(dir, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...args,
    ],
    { env: serverEnv(dir, env), logStream: log },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600 && !exited; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok)
        return { url, workspace: join(home, 'workspace'), userDir: join(home, 'ud') };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server ${name} did not answer /healthz (see ${join(dir, 'logs', `code-server-${name}.log`)})`);
}
