import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ENV_PROFILE } from './client-factory';

export type CredentialsForProfile = (profile: string) => AwsCredentialIdentityProvider;

/** A key pair held in memory for a pseudo-profile (the demo streams' DEMO_PROFILE), never written to a file. */
export type FixedCredentials = (profile: string) => { accessKeyId: string; secretAccessKey: string } | undefined;

/**
 * Loads @aws-sdk/credential-providers (lazily: activation never pays for it) and returns a provider maker.
 * Named profiles go through fromIni, which covers static keys, session tokens, role_arn + source_profile chains,
 * SSO (sso-session) and credential_process. Deliberately not the whole node chain: for a profile without
 * credentials it would fall through to instance metadata (a call to 169.254.169.254) and hang instead of saying
 * what is missing. Environment credentials are their own tree entry (ENV_PROFILE) and use fromEnv.
 */
export async function loadCredentialProviders(fixed?: FixedCredentials): Promise<CredentialsForProfile> {
  const { fromEnv, fromIni } = await import('@aws-sdk/credential-providers');
  return (profile) => {
    if (fixed?.(profile)) return async () => fixed(profile) ?? Promise.reject(new Error(`${profile} has stopped`));
    return profile === ENV_PROFILE ? fromEnv() : fromIni({ profile, ignoreCache: true });
  };
}
