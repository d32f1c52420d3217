import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { ENV_PROFILE } from './client-factory';
import { CredentialsTimeoutError, runCredentialProcess } from './credential-process';

export type CredentialsForProfile = (profile: string) => AwsCredentialIdentityProvider;

export interface CredentialOptions {
  /** A credential source that has not answered in this long fails with "did not answer" (default 30 s). */
  timeoutMs?: number;
  /** Key pairs held in memory for pseudo-profiles (the demo streams' DEMO_PROFILE). */
  fixed?: FixedCredentials;
}

const CREDENTIAL_TIMEOUT_MS = 30_000;

type Section = Record<string, string | undefined>;

/** The profile's credential_process when fromIni would use it (no role, no static keys), else undefined. */
async function ownCredentialProcess(profile: string): Promise<string | undefined> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const section: Section = { ...configFile[profile], ...credentialsFile[profile] };
  if (section.role_arn || (section.aws_access_key_id && section.aws_secret_access_key)) return undefined;
  return section.credential_process?.trim() || undefined;
}

function withTimeout<T>(work: Promise<T>, profile: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CredentialsTimeoutError(profile, timeoutMs, 'the credential source')),
      timeoutMs,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
/** A key pair held in memory for a pseudo-profile (the demo streams' DEMO_PROFILE), never written to a file. */
export type FixedCredentials = (profile: string) => { accessKeyId: string; secretAccessKey: string } | undefined;

/**
 * Loads @aws-sdk/credential-providers (lazily: activation never pays for it) and returns a provider maker.
 * Named profiles go through fromIni, which covers static keys, session tokens, role_arn + source_profile chains
 * and SSO; a profile's own credential_process runs here (see credential-process.ts). Deliberately not the whole
 * node chain: for a profile without credentials it would fall through to instance metadata (a call to
 * 169.254.169.254) and hang instead of saying what is missing. Environment credentials are their own tree entry
 * (ENV_PROFILE) and use fromEnv.
 *
 * Every resolution has a time limit, and one profile resolves once at a time: a Refresh while a credential_process
 * is still running joins it instead of starting another.
 */
export async function loadCredentialProviders(options: CredentialOptions = {}): Promise<CredentialsForProfile> {
  const { fromEnv, fromIni } = await import('@aws-sdk/credential-providers');
  const timeoutMs = options.timeoutMs ?? CREDENTIAL_TIMEOUT_MS;
  const pending = new Map<string, Promise<AwsCredentialIdentity>>();

  const resolve = async (profile: string): Promise<AwsCredentialIdentity> => {
    const fixed = options.fixed?.(profile);
    if (fixed) return fixed;
    if (profile === ENV_PROFILE) return fromEnv()();
    const command = await ownCredentialProcess(profile);
    if (command !== undefined) return runCredentialProcess(profile, command, timeoutMs);
    return withTimeout(fromIni({ profile, ignoreCache: true })(), profile, timeoutMs);
  };
  const once = (profile: string): Promise<AwsCredentialIdentity> => {
    const running = pending.get(profile);
    if (running) return running;
    const started = resolve(profile).finally(() => pending.delete(profile));
    pending.set(profile, started);
    return started;
  };
  return (profile) => () => once(profile);
}
