import { spawn } from 'node:child_process';
import type { AwsCredentialIdentity } from '@smithy/types';

/**
 * Runs a profile's credential_process ourselves rather than through the SDK: the SDK's runner puts the whole
 * command line and the process's stderr in its error (a token passed as an argument ends up in the tree), keeps
 * no exit code and never times out. Here a failure names the profile and the exit code only, and a process that
 * does not answer in time is killed with its children.
 */

/** credential_process ran and failed: its exit code or signal is known, its command line and output are not shown. */
class CredentialProcessError extends Error {
  override readonly name = 'CredentialProcessError';
  constructor(
    readonly profile: string,
    what: string,
  ) {
    super(`credential_process of profile "${profile}" ${what}`);
  }
}

/** A credential source gave no answer in time. */
export class CredentialsTimeoutError extends Error {
  override readonly name = 'CredentialsTimeoutError';
  constructor(
    readonly profile: string,
    readonly timeoutMs: number,
    source: string,
  ) {
    super(`${source} of profile "${profile}" did not answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/** More than any real credential_process prints; a process that floods stdout is cut off. */
const MAX_OUTPUT = 64 * 1024;

interface ProcessOutput {
  Version?: unknown;
  AccessKeyId?: unknown;
  SecretAccessKey?: unknown;
  SessionToken?: unknown;
  Expiration?: unknown;
  AccountId?: unknown;
}

/** The output format of credential_process (Version 1), checked as the SDK checks it. */
function credentialsFrom(profile: string, stdout: string): AwsCredentialIdentity {
  let data: ProcessOutput;
  try {
    data = JSON.parse(stdout.trim()) as ProcessOutput;
  } catch {
    throw new CredentialProcessError(profile, 'printed something that is not JSON');
  }
  if (typeof data !== 'object' || data === null || data.Version !== 1)
    throw new CredentialProcessError(profile, 'did not print Version 1');
  if (typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string')
    throw new CredentialProcessError(profile, 'printed no AccessKeyId or SecretAccessKey');
  const expiration = typeof data.Expiration === 'string' ? new Date(data.Expiration) : undefined;
  if (expiration && expiration.getTime() < Date.now())
    throw new CredentialProcessError(profile, 'returned expired credentials');
  return {
    accessKeyId: data.AccessKeyId,
    secretAccessKey: data.SecretAccessKey,
    ...(typeof data.SessionToken === 'string' ? { sessionToken: data.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
    ...(typeof data.AccountId === 'string' ? { accountId: data.AccountId } : {}),
  };
}

/** Runs `command` through the shell as the SDK does; resolves with its credentials or rejects naming only the profile. */
export function runCredentialProcess(
  profile: string,
  command: string,
  timeoutMs: number,
): Promise<AwsCredentialIdentity> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout kills the shell and whatever the shell started.
    const child = spawn(command, { shell: true, detached: process.platform !== 'win32', windowsHide: true });
    const stdout: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const kill = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      kill();
      settle(() => reject(new CredentialsTimeoutError(profile, timeoutMs, 'credential_process')));
    }, timeoutMs);
    child.stdout.on('data', (part: Buffer) => {
      size += part.length;
      if (size <= MAX_OUTPUT) stdout.push(part);
      else {
        kill();
        settle(() => reject(new CredentialProcessError(profile, `printed more than ${MAX_OUTPUT} bytes`)));
      }
    });
    // Read and dropped: its stderr is never shown (it can hold anything the command knows).
    child.stderr.resume();
    child.on('error', () => settle(() => reject(new CredentialProcessError(profile, 'could not be started'))));
    child.on('close', (code, signal) =>
      settle(() => {
        if (code !== 0)
          reject(
            new CredentialProcessError(profile, code === null ? `was killed by ${signal}` : `exited with code ${code}`),
          );
        else {
          try {
            resolve(credentialsFrom(profile, Buffer.concat(stdout).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        }
      }),
    );
  });
}
