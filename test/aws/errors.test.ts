import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAwsError } from '../../src/aws/errors';
import { withThrottlingBackoff } from '../../src/aws/backoff';
import { ENV_PROFILE, type AwsTarget } from '../../src/aws/client-factory';

const target: AwsTarget = { profile: 'p', region: 'eu-west-1' };
const named = (name: string, message = name, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name }, extra);

describe('error classification', () => {
  const cases: Array<[Error, string]> = [
    [named('ExpiredTokenException', 'The security token included in the request is expired'), 'credentials-expired'],
    [
      named(
        'CredentialsProviderError',
        'The SSO session associated with this profile has expired or is otherwise invalid.',
      ),
      'credentials-expired',
    ],
    [named('CredentialsProviderError', 'Could not resolve credentials using profile: [p]'), 'credentials-missing'],
    [named('UnrecognizedClientException'), 'credentials-rejected'],
    [named('AccessDeniedException', 'User is not authorized to perform: kinesisvideo:ListStreams'), 'access-denied'],
    [named('ClientLimitExceededException'), 'throttled'],
    [named('Error', 'connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED' }), 'network'],
    [named('Error', 'getaddrinfo ENOTFOUND kinesisvideo.eu-west-1.amazonaws.com', { code: 'ENOTFOUND' }), 'network'],
    [named('ResourceNotFoundException'), 'not-found'],
    [named('SomethingNew', 'odd'), 'other'],
  ];
  for (const [error, kind] of cases) {
    test(`${error.name}: ${error.message} -> ${kind}`, () => {
      const problem = classifyAwsError(error, target);
      assert.equal(problem.kind, kind);
      assert.ok(problem.whatToDo.length > 10);
      assert.equal(problem.detail, error.message);
    });
  }

  test('environment credentials are named as such', () => {
    assert.match(
      classifyAwsError(named('UnrecognizedClientException'), { profile: ENV_PROFILE, region: 'x' }).title,
      /environment/,
    );
  });

  test('non-Error values are classified too', () => {
    assert.equal(classifyAwsError('boom', target).kind, 'other');
  });
});

describe('throttling backoff', () => {
  test('retries throttled calls with growing waits, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withThrottlingBackoff(
      target,
      async () => {
        calls++;
        if (calls < 4) throw named('ThrottlingException');
        return 'ok';
      },
      {
        attempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 250,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    assert.equal(result, 'ok');
    assert.equal(calls, 4);
    assert.equal(waits.length, 3);
    assert.ok(waits[0] >= 50 && waits[0] <= 100, `first wait ${waits[0]}`);
    assert.ok(waits[1] >= 100 && waits[1] <= 200, `second wait ${waits[1]}`);
    assert.ok(waits[2] >= 125 && waits[2] <= 250, `third wait capped: ${waits[2]}`);
  });

  test('gives up after the last attempt with the throttling error', async () => {
    let calls = 0;
    await assert.rejects(
      withThrottlingBackoff(
        target,
        async () => {
          calls++;
          throw named('ThrottlingException');
        },
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
      ),
      { name: 'ThrottlingException' },
    );
    assert.equal(calls, 3);
  });

  test('never retries other errors', async () => {
    let calls = 0;
    await assert.rejects(
      withThrottlingBackoff(
        target,
        async () => {
          calls++;
          throw named('InvalidSignatureException');
        },
        { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
      ),
      { name: 'InvalidSignatureException' },
    );
    assert.equal(calls, 1);
  });
});
