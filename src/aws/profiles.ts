import { ENV_PROFILE } from './client-factory';

/** How a profile gets its credentials, as far as the shared files tell (shown as the node's description). */
type CredentialKind = 'keys' | 'session' | 'role' | 'sso' | 'process' | 'environment' | 'unknown';

export interface ProfileInfo {
  name: string;
  /** The profile's own `region`, or for the environment entry AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  kind: CredentialKind;
}

type Section = Record<string, string | undefined>;

/** Sections of the config file that are not profiles: `[sso-session x]` and `[services x]` come back as `sso-session.x`. */
const NON_PROFILE_SECTION = /^(sso-session|services)\./;

function kindOf(config: Section | undefined, credentials: Section | undefined): CredentialKind {
  const merged: Section = { ...config, ...credentials };
  if (merged.role_arn) return 'role';
  if (merged.sso_session || merged.sso_start_url) return 'sso';
  if (merged.credential_process) return 'process';
  if (merged.aws_access_key_id) return merged.aws_session_token ? 'session' : 'keys';
  return 'unknown';
}

/**
 * Every profile in the shared config and credentials files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
 * honoured by the SDK's own loader), sorted by name, plus an entry for environment credentials when set.
 * Read fresh each time: users edit these files while VS Code runs.
 */
export async function listProfiles(env: NodeJS.ProcessEnv = process.env): Promise<ProfileInfo[]> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set(
    [...Object.keys(configFile), ...Object.keys(credentialsFile)].filter((n) => !NON_PROFILE_SECTION.test(n)),
  );
  const profiles: ProfileInfo[] = [...names].sort().map((name) => ({
    name,
    region: configFile[name]?.region ?? credentialsFile[name]?.region,
    kind: kindOf(configFile[name], credentialsFile[name]),
  }));
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    profiles.unshift({ name: ENV_PROFILE, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION, kind: 'environment' });
  }
  return profiles;
}

/** The profile to start with: the setting, else AWS_PROFILE, else `default`, else the first one found. */
export function pickActiveProfile(
  profiles: readonly ProfileInfo[],
  setting: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const known = new Set(profiles.map((p) => p.name));
  for (const wanted of [setting, env.AWS_PROFILE, 'default']) {
    if (wanted && known.has(wanted)) return wanted;
  }
  return profiles[0]?.name;
}
