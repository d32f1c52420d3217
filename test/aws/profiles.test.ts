import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { listProfiles, pickActiveProfile } from '../../src/aws/profiles';
import { ENV_PROFILE } from '../../src/aws/client-factory';
import { useAwsFiles } from '../support/aws-files';

describe('profiles from the shared config and credentials files', () => {
  const files = useAwsFiles(
    [
      '[default]',
      'region = eu-west-1',
      '',
      '[profile role-chain]',
      'role_arn = arn:aws:iam::123456789012:role/viewer',
      'source_profile = default',
      'region = us-west-2',
      '',
      '[profile sso-user]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Viewer',
      '',
      '[sso-session corp]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      '',
      '[profile proc]',
      'credential_process = /bin/true',
      '',
      '[profile region-only]',
      'region = ap-south-1',
      '',
    ].join('\n'),
    [
      '[default]',
      'aws_access_key_id = AKIDDEFAULT',
      'aws_secret_access_key = default-secret',
      '',
      '[temp]',
      'aws_access_key_id = ASIATEMP',
      'aws_secret_access_key = temp-secret',
      'aws_session_token = token',
      '',
    ].join('\n'),
  );
  after(() => files.restore());

  test('lists every profile once, sorted, with its region and credential kind; sso-session sections are not profiles', async () => {
    const profiles = await listProfiles();
    assert.deepEqual(
      profiles.map((p) => [p.name, p.region, p.kind]),
      [
        ['default', 'eu-west-1', 'keys'],
        ['proc', undefined, 'process'],
        ['region-only', 'ap-south-1', 'unknown'],
        ['role-chain', 'us-west-2', 'role'],
        ['sso-user', undefined, 'sso'],
        ['temp', undefined, 'session'],
      ],
    );
  });

  test('environment credentials are their own first entry, with AWS_REGION', async () => {
    const profiles = await listProfiles({
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_REGION: 'ca-central-1',
    });
    assert.deepEqual(profiles[0], { name: ENV_PROFILE, region: 'ca-central-1', kind: 'environment' });
  });

  test('files edited while running are read again', async () => {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(
      files.credentialsFile,
      '\n[late]\naws_access_key_id = AKIDLATE\naws_secret_access_key = late-secret\n',
    );
    assert.ok((await listProfiles()).some((p) => p.name === 'late'));
  });

  test('the active profile: the setting, else AWS_PROFILE, else default, else the first', async () => {
    const profiles = await listProfiles();
    assert.equal(pickActiveProfile(profiles, 'temp', {}), 'temp');
    assert.equal(pickActiveProfile(profiles, 'no-such', { AWS_PROFILE: 'proc' }), 'proc');
    assert.equal(pickActiveProfile(profiles, '', {}), 'default');
    assert.equal(
      pickActiveProfile(
        profiles.filter((p) => p.name !== 'default'),
        undefined,
        {},
      ),
      'late',
    );
    assert.equal(pickActiveProfile([], 'x', {}), undefined);
  });
});
