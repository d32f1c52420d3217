import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { getMediaFixture } from '../support/paths';
import { signedHeaders } from './sign-request';

/** Requests no SDK would send, signed correctly, so only the bad part is bad. */

interface Answer {
  status: number;
  type: string | null;
  requestId: string | null;
  body: unknown;
}

async function signedPost(
  kvs: KvsLocalHandle,
  path: string,
  body: string,
  tamper?: (headers: Record<string, string>) => string,
): Promise<Answer> {
  const headers = await signedHeaders(kvs, path, { 'content-type': 'application/json' }, { body });
  const sent = tamper ? tamper(headers) : body;
  const res = await fetch(`${kvs.url}${path}`, { method: 'POST', headers, body: sent });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('x-amzn-errortype'),
    requestId: res.headers.get('x-amzn-requestid'),
    body: text ? JSON.parse(text) : null,
  };
}

describe('kvs-local answers bad input with the documented error and a message, never a crash', () => {
  let kvs: KvsLocalHandle;
  before(async () => {
    kvs = await startKvsLocal({
      log: () => undefined,
      seeds: [{ name: 'door', file: getMediaFixture('output_get_media.mkv') }],
    });
  });
  after(async () => {
    await kvs.close();
  });

  const expectError = (answer: Answer, status: number, type: string, message: RegExp): void => {
    assert.equal(answer.status, status);
    assert.equal(answer.type, type);
    assert.ok(answer.requestId);
    const text = (answer.body as { Message?: string }).Message ?? '';
    assert.match(text, message);
  };

  test('malformed JSON is a SerializationException', async () => {
    expectError(
      await signedPost(kvs, '/listStreams', '{"MaxResults": '),
      400,
      'SerializationException',
      /not valid JSON/,
    );
    expectError(await signedPost(kvs, '/describeStream', '[1,2]'), 400, 'SerializationException', /JSON object/);
  });

  test('unknown fields, wrong types and out-of-range values are InvalidArgumentException', async () => {
    expectError(
      await signedPost(kvs, '/listStreams', '{"MaxResult": 5}'),
      400,
      'InvalidArgumentException',
      /Unknown field 'MaxResult'/,
    );
    expectError(
      await signedPost(kvs, '/listStreams', '{"MaxResults": "5"}'),
      400,
      'InvalidArgumentException',
      /MaxResults must be an integer/,
    );
    expectError(
      await signedPost(kvs, '/listStreams', '{"MaxResults": 0}'),
      400,
      'InvalidArgumentException',
      /greater than or equal to 1/,
    );
    expectError(
      await signedPost(kvs, '/createStream', `{"StreamName": "${'x'.repeat(257)}"}`),
      400,
      'InvalidArgumentException',
      /length between 1 and 256/,
    );
    expectError(
      await signedPost(
        kvs,
        '/getMedia',
        '{"StreamName": "door", "StartSelector": {"StartSelectorType": "NOW", "Extra": 1}}',
      ),
      400,
      'InvalidArgumentException',
      /Unknown field 'Extra' in the StartSelector/,
    );
    expectError(
      await signedPost(kvs, '/getMedia', '{"StreamName": "door"}'),
      400,
      'InvalidArgumentException',
      /startSelector/,
    );
    expectError(
      await signedPost(
        kvs,
        '/getMedia',
        '{"StreamName": "door", "StartSelector": {"StartSelectorType": "SERVER_TIMESTAMP"}}',
      ),
      400,
      'InvalidArgumentException',
      /requires StartTimestamp/,
    );
    expectError(
      await signedPost(kvs, '/getMediaForFragmentList', '{"StreamName": "door", "Fragments": []}'),
      400,
      'InvalidArgumentException',
      /1 to 1000/,
    );
    expectError(
      await signedPost(
        kvs,
        '/deleteStream',
        '{"StreamARN": "arn:aws:kinesisvideo:us-east-1:123456789012:stream/door/1", "CurrentVersion": "nope"}',
      ),
      404,
      'ResourceNotFoundException',
      /not found/,
    );
  });

  test('a body changed after signing is InvalidSignatureException (403)', async () => {
    const answer = await signedPost(kvs, '/listStreams', '{"MaxResults": 1}', () => '{"MaxResults": 2}');
    expectError(answer, 403, 'InvalidSignatureException', /signature we calculated does not match/);
  });

  test('a signature older than five minutes is rejected as expired', async () => {
    const answer = await signedPost(kvs, '/listStreams', '{}', (headers) => {
      headers['x-amz-date'] = '20200101T000000Z';
      return '{}';
    });
    assert.equal(answer.status, 403);
    assert.ok(answer.type === 'InvalidSignatureException' || answer.type === 'IncompleteSignatureException');
  });

  test('after all that, the server still serves', async () => {
    const answer = await signedPost(kvs, '/describeStream', '{"StreamName": "door"}');
    assert.equal(answer.status, 200);
    assert.equal((answer.body as { StreamInfo: { StreamName: string } }).StreamInfo.StreamName, 'door');
  });
});
