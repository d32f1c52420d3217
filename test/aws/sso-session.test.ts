import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEMO_PROFILE, ENV_PROFILE } from '../../src/aws/client-factory';
import { loadCredentialProviders } from '../../src/aws/credentials';
import { classifyAwsError, type AwsProblem } from '../../src/aws/errors';
import { findExecutable, offersSsoSignIn, ssoCacheDir, watchForChange } from '../../src/aws/sso-session';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';

// "Sign in" is offered from what the real SDK says about a real SSO profile whose session expired or never
// started (config and token cache in a temp HOME), and never for a profile that SSO cannot fix.

const SSO_CONFIG = [
  '[profile sso-user]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = Viewer',
  'region = us-east-1',
  '',
  '[sso-session corp]',
  'sso_start_url = https://example.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[profile keys-missing]',
  'region = us-east-1',
  '',
].join('\n');

async function problemOf(profile: string): Promise<AwsProblem> {
  const credentialsFor = await loadCredentialProviders();
  try {
    await credentialsFor(profile)();
  } catch (error) {
    return classifyAwsError(error, { profile, region: 'us-east-1' });
  }
  throw new Error(`${profile} resolved credentials`);
}

describe('SSO sign-in', () => {
  let files: AwsFiles;
  let home: string;
  const savedHome = process.env.HOME;
  before(() => {
    files = useAwsFiles(SSO_CONFIG, '');
    home = mkdtempSync(join(tmpdir(), 'kvs-home-'));
    process.env.HOME = home;
  });
  after(() => {
    process.env.HOME = savedHome;
    rmSync(home, { recursive: true, force: true });
    files.restore();
  });

  test('an SSO profile that never signed in offers "Sign in"', async () => {
    const problem = await problemOf('sso-user');
    assert.ok(['credentials-missing', 'credentials-expired'].includes(problem.kind), problem.kind);
    assert.equal(offersSsoSignIn(problem, 'sso-user', false), true, problem.detail);
  });

  test('an SSO profile whose token expired offers "Sign in"', async () => {
    mkdirSync(ssoCacheDir(home), { recursive: true });
    const cacheFile = `${createHash('sha1').update('corp').digest('hex')}.json`;
    writeFileSync(
      join(ssoCacheDir(home), cacheFile),
      JSON.stringify({
        startUrl: 'https://example.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'expired-token',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    const problem = await problemOf('sso-user');
    assert.ok(['credentials-missing', 'credentials-expired'].includes(problem.kind), problem.kind);
    assert.equal(offersSsoSignIn(problem, 'sso-user', true), true, problem.detail);
  });

  test('a profile without credentials, the environment and the demo never offer it', async () => {
    const problem = await problemOf('keys-missing');
    assert.equal(problem.kind, 'credentials-missing');
    assert.equal(offersSsoSignIn(problem, 'keys-missing', false), false, problem.detail);
    assert.equal(offersSsoSignIn(problem, ENV_PROFILE, true), false);
    assert.equal(offersSsoSignIn(problem, DEMO_PROFILE, true), false);
  });

  test('the AWS CLI is found on PATH, or reported missing', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'kvs-bin-'));
    try {
      assert.equal(await findExecutable('aws', { PATH: bin }), undefined);
      writeFileSync(join(bin, 'aws'), '#!/bin/sh\n');
      assert.equal(await findExecutable('aws', { PATH: bin }), undefined, 'not executable yet');
      chmodSync(join(bin, 'aws'), 0o755);
      assert.equal(await findExecutable('aws', { PATH: `/nonexistent:${bin}` }), join(bin, 'aws'));
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  test('a token written to the cache after "Sign in" is noticed once; a disposed watch notices nothing', async () => {
    const cache = join(home, 'watched-cache');
    let disposedCalls = 0;
    const disposed = watchForChange(cache, () => disposedCalls++, { intervalMs: 10 });
    disposed.dispose();
    let calls = 0;
    let watch: ReturnType<typeof watchForChange> | undefined;
    const noticed = new Promise<void>((resolve) => {
      watch = watchForChange(
        cache,
        () => {
          calls++;
          resolve();
        },
        { intervalMs: 10 },
      );
    });
    await watch?.ready;
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'token.json'), '{}');
    await noticed;
    // The watch stops at the first change: a second token (a second poll later) calls nothing.
    writeFileSync(join(cache, 'token2.json'), '{}');
    const second = watchForChange(cache, () => undefined, { intervalMs: 10 });
    await second.ready;
    second.dispose();
    assert.equal(calls, 1);
    assert.equal(disposedCalls, 0);
  });
});
