import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisVideoClient, ListStreamsCommand } from '@aws-sdk/client-kinesis-video';
import { startKvsLocal, type KvsLocalHandle } from '../../kvs-local/server';
import { getMediaFixture, repoRoot } from '../support/paths';
import { buildBundles } from '../support/build';

// kvs-local among hostile neighbours: names that climb out of --data, bodies too big or too slow, web pages
// calling the unsigned admin routes, more connections than it serves. Each answer is the AWS shape (status,
// x-amzn-ErrorType, x-amzn-RequestId, {"Message"}), never a reset connection.

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request on its own connection; `write` sends the body its own way (slowly, in pieces). */
function post(
  kvs: KvsLocalHandle,
  path: string,
  headers: Record<string, string>,
  write: (req: ReturnType<typeof request>) => void = (req) => req.end('{}'),
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: kvs.port, path, method: 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    write(req);
  });
}

function assertAwsShaped(answer: Answer, status: number, type: string, message: RegExp): void {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.headers['x-amzn-errortype'], type);
  assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
  assert.match((JSON.parse(answer.body) as { Message: string }).Message, message);
}

describe('kvs-local: stream names from --seed and --live are checked at start', () => {
  const work = mkdtempSync(join(tmpdir(), 'kvs-names-'));
  const data = join(work, 'a', 'b', 'data');
  before(() => {
    buildBundles('kvs-local');
    mkdirSync(data, { recursive: true });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  for (const [flag, name] of [
    ['--seed', '../../x'],
    ['--seed', 'a/b'],
    ['--live', '../escape'],
    ['--seed', 'x'.repeat(257)],
  ] as const) {
    test(`${flag} '${name.slice(0, 20)}=FILE' --data DIR stops at start with one line naming it, writing nothing`, () => {
      const r = spawnSync(
        process.execPath,
        [join(repoRoot, 'dist/kvs-local.js'), flag, `${name}=${getMediaFixture('clusters.mkv')}`, '--data', data],
        { encoding: 'utf8', timeout: 30_000 },
      );
      assert.notEqual(r.status, 0);
      assert.equal(r.stdout, '', 'it never listened');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0].startsWith(`kvs-local: ${flag}: stream name "${name}"`), lines[0]);
      assert.deepEqual(readdirSync(join(work, 'a')), ['b'], 'nothing written beside DIR');
      assert.deepEqual(readdirSync(join(work, 'a', 'b')), ['data']);
      assert.ok(!existsSync(join(data, 'streams.log')), 'nothing written inside DIR either');
    });
  }

  test('the programmatic API refuses the same names', async () => {
    await assert.rejects(
      startKvsLocal({ log: () => undefined, seeds: [{ name: '../../x', file: getMediaFixture('clusters.mkv') }] }),
      /--seed: stream name "\.\.\/\.\.\/x" may hold only letters, digits/,
    );
  });
});

describe('kvs-local: oversized, slow and unwelcome requests', () => {
  let kvs: KvsLocalHandle;
  before(async () => {
    kvs = await startKvsLocal({ log: () => undefined, bodyTimeoutMs: 500, maxConnections: 4 });
    kvs.createStream('door');
  });
  after(async () => {
    await kvs.close();
  });

  test('a 2 MB body through the real SDK gets 413 RequestEntityTooLargeException, not a reset connection', async () => {
    const client = new KinesisVideoClient({
      region: kvs.region,
      endpoint: kvs.url,
      credentials: kvs.credentials[0],
      maxAttempts: 1,
    });
    try {
      const error = (await client.send(new ListStreamsCommand({ NextToken: 'x'.repeat(2_000_000) })).then(
        () => assert.fail('accepted a 2 MB body'),
        (e: unknown) => e,
      )) as { name: string; $metadata: { httpStatusCode?: number; requestId?: string }; message: string };
      assert.equal(error.name, 'RequestEntityTooLargeException', String(error));
      assert.equal(error.$metadata.httpStatusCode, 413);
      assert.ok(error.$metadata.requestId);
      assert.match(error.message, /larger than 1048576 bytes/);
      // The server is still fine.
      assert.equal((await client.send(new ListStreamsCommand({}))).StreamInfoList?.[0]?.StreamName, 'door');
    } finally {
      client.destroy();
    }
  });

  test('a body that trickles is cut off with 408 RequestTimeoutException', async () => {
    let timer: NodeJS.Timeout | undefined;
    const answer = await post(
      kvs,
      '/listStreams',
      { 'content-type': 'application/json', 'content-length': '100000' },
      (req) => {
        req.write('{');
        timer = setInterval(() => req.write(' '), 50);
      },
    );
    clearInterval(timer);
    assertAwsShaped(answer, 408, 'RequestTimeoutException', /did not arrive within 500 ms/);
    assert.equal(answer.headers.connection, 'close');
  });

  const admin = (headers: Record<string, string>): Promise<Answer> =>
    post(kvs, '/kvs-local/createStreams', { 'content-type': 'application/json', ...headers }, (req) =>
      req.end('{"Prefix":"adm-","Count":1}'),
    );

  test('admin routes refuse a foreign Origin, and a foreign Host (DNS rebinding), with 403', async () => {
    for (const origin of [
      'http://evil.example',
      'https://127.0.0.1.evil.example',
      'null',
      `https://127.0.0.1:${kvs.port}`,
    ])
      assertAwsShaped(await admin({ origin }), 403, 'AccessDeniedException', /refused from Origin/);
    for (const host of ['evil.example', `evil.example:${kvs.port}`, `127.0.0.1:${kvs.port + 1}`])
      assertAwsShaped(await admin({ host }), 403, 'AccessDeniedException', /must be sent to 127\.0\.0\.1/);
    assert.equal(kvs.store.get('adm-0000'), undefined, 'no refused call did anything');
  });

  test('admin routes still serve local tools: no Origin, or this server as Origin', async () => {
    assert.equal((await admin({})).status, 200);
    assert.equal((await admin({ origin: `http://127.0.0.1:${kvs.port}`, host: `localhost:${kvs.port}` })).status, 200);
    assert.ok(kvs.store.get('adm-0000'));
  });

  test('past the connection cap a request is answered ClientLimitExceededException; a freed slot serves again', async () => {
    const idle: Socket[] = [];
    for (let i = 0; i < 4; i++)
      idle.push(
        await new Promise<Socket>((resolve) => {
          const s = connect(kvs.port, '127.0.0.1', () => resolve(s));
        }),
      );
    try {
      const answer = await post(kvs, '/listStreams', { 'content-type': 'application/json' });
      assertAwsShaped(answer, 400, 'ClientLimitExceededException', /too many open connections/);
      assert.equal(answer.headers.connection, 'close');
    } finally {
      for (const s of idle) s.destroy();
    }
    // The server notices the closed sockets when their close events run: wait for a slot, then it serves.
    for (let i = 0; i < 100; i++) {
      const answer = await post(kvs, '/kvs-local/createStreams', { 'content-type': 'application/json' }, (req) =>
        req.end('{"Prefix":"after-","Count":1}'),
      );
      if (answer.status === 200) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail('no slot came free after the idle connections closed');
  });
});
