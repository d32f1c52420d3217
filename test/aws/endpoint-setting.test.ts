import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readEndpointSetting } from '../../src/aws/endpoint-setting';
import { createExtensionServices } from '../../src/aws/extension-services';

describe('kvsInspector.endpoint is checked before any call is signed for it', () => {
  test('empty or absent: the AWS endpoints', () => {
    for (const value of [undefined, null, '', '   ']) assert.deepEqual(readEndpointSetting(value), { kind: 'default' });
  });

  test('an http(s) URL is used, trimmed, without a trailing slash', () => {
    assert.deepEqual(readEndpointSetting(' http://127.0.0.1:4566/ '), {
      kind: 'override',
      url: 'http://127.0.0.1:4566',
    });
    assert.deepEqual(readEndpointSetting('https://vpce-1.kinesisvideo.us-east-1.vpce.amazonaws.com'), {
      kind: 'override',
      url: 'https://vpce-1.kinesisvideo.us-east-1.vpce.amazonaws.com',
    });
  });

  const bad: Array<[unknown, RegExp]> = [
    ['not a url', /"not a url" is not a URL/],
    ['127.0.0.1:4566', /"127\.0\.0\.1:4566" is not a URL/],
    ['localhost:4566', /is a localhost: URL/],
    ['ftp://example.com', /"ftp:\/\/example\.com" is a ftp: URL/],
    ['file:///etc/passwd', /is a file: URL/],
    ['javascript:alert(1)', /is a javascript: URL/],
    ['http://user:hunter2@example.com', /carries a user name or password/],
    ['http://example.com/?X-Amz-Signature=abc', /has a query or fragment/],
    [4566, /"4566" is not text/],
  ];
  for (const [value, why] of bad) {
    test(`${JSON.stringify(value)} is one error naming the setting and the value`, () => {
      const setting = readEndpointSetting(value);
      assert.equal(setting.kind, 'invalid');
      if (setting.kind !== 'invalid') return;
      assert.match(setting.message, /^Setting kvsInspector\.endpoint: /);
      assert.match(setting.message, why);
      assert.ok(!setting.message.includes('hunter2'), setting.message);
    });
  }

  test('a very long value is shown shortened', () => {
    const setting = readEndpointSetting(`x${'y'.repeat(10_000)}`);
    assert.ok(setting.kind === 'invalid' && setting.message.length < 300);
  });

  test('the services never hand out an invalid endpoint as an override', () => {
    const services = createExtensionServices({
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      readEndpoint: () => 'not a url',
    });
    assert.equal(services.endpointOverride(), undefined);
    assert.equal(services.endpointSetting().kind, 'invalid');
  });
});
