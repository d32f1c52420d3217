import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { createExtensionServices } from '../../src/aws/extension-services';
import { classifyAwsError } from '../../src/aws/errors';
import { describeHttpError, formatHttpError } from '../../src/aws/media-session/http-error';
import { redact } from '../../src/aws/redact';
import { readEndpointSetting } from '../../src/aws/endpoint-setting';
import { StreamListings } from '../../src/explorer/stream-listings';
import { problemRows } from '../../src/explorer/problem-rows';
import { StreamFeed, httpErrorBanner, httpErrorNotice } from '../../src/inspector/stream-feed';
import type { Banner, SessionNotice } from '../../src/protocol';
import type { AwsTarget } from '../../src/aws/client-factory';
import { useAwsFiles, type AwsFiles } from '../support/aws-files';

// Secrets fed through every error path must not reach a tree row (label, tooltip, child rows), a banner, a
// notice row or a log line.

const API_TOKEN = 'hunter2';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDm7example+token/with+base64Sz9Lk3T1nQ8vRrW0aB5cDeFgHiJkLmNoPqRsTuVwXyZ';
const SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
const SECRETS = [API_TOKEN, ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, SIGNATURE];

function assertClean(texts: readonly string[], where: string): void {
  const all = texts.join('\n');
  // The first 12 characters too: a secret cut short by a length cap still leaks.
  for (const secret of SECRETS)
    for (const part of [secret, secret.slice(0, 12)]) assert.ok(!all.includes(part), `${where} shows ${part}:\n${all}`);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), `timed out waiting for ${what}`);
}

/** Error messages as SDKs, proxies and signature checks have written them, each with a secret inside. */
const MESSAGES: Array<[string, Record<string, unknown>]> = [
  [
    `The request signature we calculated does not match. Canonical request:\nPOST\n/listStreams\n\nhost:kinesisvideo\nx-amz-security-token:${SESSION_TOKEN}\n`,
    { name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } },
  ],
  [
    `Authorization: AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20261201/us-east-1/kinesisvideo/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`,
    { name: 'Error' },
  ],
  [
    `GET https://s-1234.kinesisvideo.us-east-1.amazonaws.com/getMedia?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ACCESS_KEY_ID}%2F20261201&X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}&X-Amz-Signature=${SIGNATURE} failed: socket hang up`,
    { name: 'Error', code: 'ECONNRESET' },
  ],
  [`X-Amz-Signature=${SIGNATURE}&X-Amz-Credential=${ACCESS_KEY_ID}`, { name: 'Error' }],
  [
    `profile has aws_access_key_id = ${ACCESS_KEY_ID} and aws_secret_access_key = ${SECRET_KEY}`,
    { name: 'CredentialsProviderError' },
  ],
  [
    `bad output {"AccessKeyId":"${ACCESS_KEY_ID}","SecretAccessKey":"${SECRET_KEY}","SessionToken":"${SESSION_TOKEN}"}`,
    { name: 'SyntaxError' },
  ],
  [
    `The security token ${SESSION_TOKEN} included in the request is expired`,
    { name: 'ExpiredTokenException', $metadata: { httpStatusCode: 403 } },
  ],
  [
    `Command failed: /opt/creds --api-token=${API_TOKEN}\nerror: token ${API_TOKEN} rejected for ${SECRET_KEY}`,
    { name: 'CredentialsProviderError' },
  ],
];

describe('no secret in any text shown or logged', () => {
  let kvs: KvsLocalHandle;
  let files: AwsFiles;
  const lines: string[] = [];
  const services = createExtensionServices({
    log: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) },
    readEndpoint: () => kvs.url,
    credentialTimeoutMs: 1_000,
  });
  const target = (profile: string): AwsTarget => ({ profile, region: 'us-east-1', endpoint: kvs.url });

  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined, streams: [{ prefix: 'cam-', count: 2 }] });
    files = useAwsFiles('', '');
    const leaky = join(files.dir, 'leaky-creds.sh');
    writeFileSync(
      leaky,
      `#!/bin/sh\necho "token $2 rejected; tried ${ACCESS_KEY_ID} / ${SECRET_KEY} / ${SESSION_TOKEN}" >&2\nexit 3\n`,
      { mode: 0o755 },
    );
    const hangs = join(files.dir, 'hangs.sh');
    writeFileSync(hangs, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
    writeFileSync(
      files.configFile,
      [
        '[profile leaky]',
        `credential_process = ${leaky} --api-token=${API_TOKEN}`,
        '[profile leaky-source]',
        `credential_process = ${leaky} --api-token=${API_TOKEN}`,
        '[profile chained]',
        'role_arn = arn:aws:iam::123456789012:role/viewer',
        'source_profile = leaky-source',
        '[profile hangs]',
        `credential_process = ${hangs} --api-token=${API_TOKEN}`,
      ].join('\n'),
    );
  });
  after(async () => {
    services.resetClients();
    await kvs.close();
    files.restore();
  });

  for (const profile of ['leaky', 'chained', 'hangs']) {
    test(`credential_process (${profile}): tree rows and log lines name the profile, never the command or its output`, async () => {
      lines.length = 0;
      const listing = await new StreamListings(services).get(target(profile));
      assert.ok(listing.problem, 'the listing failed');
      assert.match(listing.problem.title, new RegExp(`profile "${profile}"`));
      if (profile === 'leaky') assert.match(listing.problem.detail, /exited with code 3/);
      if (profile === 'chained') assert.equal(listing.problem.kind, 'credentials-failed', listing.problem.detail);
      if (profile === 'hangs') assert.match(listing.problem.title, /did not answer/);
      const rows = problemRows(listing.problem);
      assertClean(
        [rows.label, rows.tooltip, rows.todo.description, rows.detail.label, rows.detail.description],
        'the tree',
      );
      assert.ok(lines.length > 0);
      assertClean(lines, 'the log');
    });
  }

  test('credential_process failing under a live inspector: banner, notice row and log are clean', async () => {
    lines.length = 0;
    const banners: Banner[] = [];
    const notices: SessionNotice[] = [];
    const feed = new StreamFeed(
      await services.getClientFactory(),
      { target: target('leaky'), streamName: 'cam-0000' },
      { type: 'EARLIEST' },
      (line) => services.log.info(line),
    );
    feed.start({
      records: () => undefined,
      notice: (n) => notices.push(n),
      banner: (b) => {
        if (b) banners.push(b);
      },
      stateChanged: () => undefined,
    });
    await until(() => feed.stats().state === 'failed', 'the session to fail');
    feed.dispose();
    assert.equal(banners.length, 1);
    assert.match(banners[0].meaning, /credential_process of profile "leaky" exited with code 3/);
    assertClean(
      banners.flatMap((b) => [b.title, b.meaning, b.whatToDo]),
      'the banner',
    );
    assertClean(
      notices.map((n) => `${n.text} ${JSON.stringify(n.httpError)}`),
      'the notice rows',
    );
    assertClean(lines, 'the log');
  });

  for (const [message, fields] of MESSAGES) {
    test(`${fields.name as string}: ${message.slice(0, 60).replace(/\n/g, ' ')}…`, () => {
      const error = Object.assign(new Error(message), fields);
      const problem = classifyAwsError(error, target('p'));
      const rows = problemRows(problem);
      assertClean(
        [rows.label, rows.tooltip, rows.todo.description, rows.detail.label, rows.detail.description],
        'the tree',
      );
      const details = describeHttpError('GetMedia', error);
      const banner = httpErrorBanner(details);
      assertClean([banner.title, banner.meaning, banner.whatToDo], 'the banner');
      assertClean([httpErrorNotice(details, 0).text, formatHttpError(details)], 'the notice row and log line');
      lines.length = 0;
      services.log.error(message);
      services.log.warn(`ListStreams failed: ${message}`);
      services.log.error(error);
      assertClean(lines, 'the log');
    });
  }

  test('the notification for a bad kvsInspector.endpoint quotes the value without its secrets', () => {
    const setting = readEndpointSetting(
      `http://${ACCESS_KEY_ID}:${encodeURIComponent(SECRET_KEY)}@proxy.example/?X-Amz-Signature=${SIGNATURE}`,
    );
    assert.equal(setting.kind, 'invalid');
    if (setting.kind === 'invalid') assertClean([setting.message], 'the notification');
  });

  test('what is not a secret stays readable', () => {
    const plain =
      'GetMedia door-cam after fragment 91343852333181432392682062607743920146264687125: ' +
      'ResourceNotFoundException (HTTP 404), request 0f8e3c1a-8b0e-4a53-9c1e-2a7f0b9c1d2e, http://127.0.0.1:4566';
    assert.equal(redact(plain), plain);
    assert.equal(
      redact('CredentialsProviderError: Could not resolve credentials using profile: [p]'),
      'CredentialsProviderError: Could not resolve credentials using profile: [p]',
    );
  });
});
