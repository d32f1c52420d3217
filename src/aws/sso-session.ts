import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DEMO_PROFILE, ENV_PROFILE } from './client-factory';
import type { AwsProblem } from './errors';

/** Expired or missing SSO sessions: when to offer "Sign in", where the AWS CLI is, and when a sign-in happened. */

/** A problem `aws sso login --profile NAME` fixes: missing or expired credentials of an SSO profile. */
export function offersSsoSignIn(problem: AwsProblem, profile: string, profileUsesSso: boolean): boolean {
  if (profile === ENV_PROFILE || profile === DEMO_PROFILE) return false;
  if (problem.kind !== 'credentials-expired' && problem.kind !== 'credentials-missing') return false;
  // The SDK's SSO provider names SSO in every message it throws (expired session, token not found, invalid).
  return profileUsesSso || /\bSSO\b/i.test(problem.detail);
}

/** The full path of an executable on PATH (PATHEXT on Windows), or undefined. */
export async function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs)
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        await access(candidate, constants.X_OK);
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        /* not here */
      }
    }
  return undefined;
}

/** Where `aws sso login` writes its tokens. */
export const ssoCacheDir = (home = homedir()): string => join(home, '.aws', 'sso', 'cache');

/** Names, sizes and times of the files in `dir` ('' when it does not exist): changes when a token is written. */
async function signature(dir: string): Promise<string> {
  try {
    const names = (await readdir(dir)).sort();
    const stats = await Promise.all(names.map((n) => stat(join(dir, n)).catch(() => undefined)));
    return names.map((n, i) => `${n}:${stats[i]?.size ?? 0}:${stats[i]?.mtimeMs ?? 0}`).join('|');
  } catch {
    return '';
  }
}

export interface DirectoryWatch {
  /** Resolves once the first look at the directory is taken: changes after it are noticed. */
  readonly ready: Promise<void>;
  dispose(): void;
}

/**
 * Polls `dir` lightly (one readdir and a stat per file every `intervalMs`) and calls `onChange` once, at the first
 * change, then stops; also stops after `giveUpMs`. Polling rather than fs.watch: the directory may not exist
 * until the first sign-in, and watching a missing path fails on every platform differently.
 */
export function watchForChange(
  dir: string,
  onChange: () => void,
  options: { intervalMs?: number; giveUpMs?: number } = {},
): DirectoryWatch {
  const intervalMs = options.intervalMs ?? 2_000;
  const giveUpAt = Date.now() + (options.giveUpMs ?? 15 * 60_000);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
  };
  const ready = signature(dir).then((before) => {
    const tick = async (): Promise<void> => {
      const now = await signature(dir);
      if (stopped) return;
      if (now !== before) {
        stop();
        onChange();
      } else if (Date.now() > giveUpAt) stop();
      else schedule();
    };
    const schedule = (): void => {
      timer = setTimeout(() => void tick(), intervalMs);
    };
    if (!stopped) schedule();
  });
  return { ready, dispose: stop };
}
