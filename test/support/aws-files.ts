import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temp shared config/credentials files, pointed at by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE while in use. */
export interface AwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  /** Writes an executable credential_process script that prints the given keys as JSON. */
  credentialProcess(accessKeyId: string, secretAccessKey: string, expiration?: Date): string;
  restore(): void;
}

const ENV_KEYS = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
];

export function useAwsFiles(config: string, credentials: string): AwsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'kvs-aws-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, config);
  writeFileSync(credentialsFile, credentials);
  const saved = new Map(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_CONFIG_FILE = configFile;
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  return {
    dir,
    configFile,
    credentialsFile,
    credentialProcess(accessKeyId, secretAccessKey, expiration) {
      const script = join(dir, `credential-process-${expiration ? 'expiring' : 'static'}.sh`);
      const output = {
        Version: 1,
        AccessKeyId: accessKeyId,
        SecretAccessKey: secretAccessKey,
        SessionToken: expiration ? 'session-token' : undefined,
        Expiration: expiration?.toISOString(),
      };
      writeFileSync(script, `#!/bin/sh\nprintf '%s' '${JSON.stringify(output)}'\n`);
      chmodSync(script, 0o755);
      return script;
    },
    restore() {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
