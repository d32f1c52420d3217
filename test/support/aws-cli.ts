import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The AWS CLI v2 from Debian; tests that drive it skip where it is absent. */
export const AWS_CLI = '/usr/bin/aws';
export const haveAws = existsSync(AWS_CLI);

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProfile {
  name: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * A home folder of its own for the AWS CLI, with config and credentials holding only `profiles` (never the user's
 * files), and the environment that points the CLI at them: no pager, no instance metadata lookups.
 */
export function awsCliHome(prefix: string, profiles: CliProfile[]): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const config = join(home, 'config');
  const credentials = join(home, 'credentials');
  const section = (name: string): string => (name === 'default' ? '[default]' : `[profile ${name}]`);
  writeFileSync(config, profiles.map((p) => `${section(p.name)}\nregion = ${p.region}\noutput = json\n`).join(''));
  writeFileSync(
    credentials,
    profiles
      .map((p) => `[${p.name}]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`)
      .join(''),
  );
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return { home, env };
}

/** Runs the AWS CLI to its end (killed after a minute) and collects what it printed. */
export function runAwsCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(AWS_CLI, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
