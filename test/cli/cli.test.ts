import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMediaFixture, repoRoot } from '../support/paths';
import { buildBundles } from '../support/build';
import { concat } from '../../src/core/ebml/writer';
import { getMediaChunk, simpleBlock } from '../core/build-chunks';

const cli = join(repoRoot, 'dist', 'kvs-inspect.js');
const KEYS = [
  'index',
  'byteOffset',
  'byteLength',
  'fragmentNumber',
  'serverTimestamp',
  'producerTimestamp',
  'millisBehindNow',
  'continuationToken',
  'errorId',
  'errorCode',
  'errorMeaning',
  'clusterTimecode',
  'frames',
  'keyframes',
  'tracks',
  'trackStats',
  'tags',
  'anomalies',
  'truncated',
];

function run(args: string[], input?: Uint8Array): { status: number | null; lines: unknown[]; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { input, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const text = r.stdout.toString('utf8');
  return {
    status: r.status,
    lines:
      text === ''
        ? []
        : text
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l) as unknown),
    stderr: r.stderr.toString('utf8'),
  };
}

const expected = (name: string): Record<string, unknown>[] =>
  JSON.parse(readFileSync(join(repoRoot, 'test', 'core', 'expected', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >[];

describe('kvs-inspect, run as a real child process', () => {
  before(() => {
    buildBundles('cli');
  });

  test('one JSON line per chunk with exactly the documented keys, values as the expectations say', () => {
    const { status, lines, stderr } = run([getMediaFixture('output_get_media.mkv')]);
    assert.equal(status, 0, stderr);
    const want = expected('output_get_media');
    assert.equal(lines.length, want.length);
    lines.forEach((line, i) => {
      const record = line as Record<string, unknown>;
      assert.deepEqual(Object.keys(record), KEYS);
      for (const key of [
        'byteOffset',
        'byteLength',
        'fragmentNumber',
        'serverTimestamp',
        'producerTimestamp',
        'millisBehindNow',
        'continuationToken',
        'clusterTimecode',
        'frames',
        'keyframes',
        'anomalies',
        'truncated',
      ]) {
        assert.deepEqual(record[key], want[i][key], `${key} of record ${i}`);
      }
      assert.deepEqual(
        record.tags,
        (want[i].tags as { name: string; value: string }[]).map(({ name, value }) => ({ name, value })),
      );
      assert.deepEqual(record.tracks, [{ number: 1, codecId: 'V_MPEG4/ISO/AVC', type: 1 }]);
      const [video] = record.trackStats as Array<{ number: number; frames: number; keyframes: number; bytes: number }>;
      assert.deepEqual(Object.keys(video), ['number', 'frames', 'keyframes', 'bytes']);
      assert.deepEqual([video.number, video.frames, video.keyframes], [1, want[i].frames, want[i].keyframes]);
    });
  });

  test('stdin with "-" gives the same lines as the file', () => {
    const file = getMediaFixture('output-get-media-non-increasing-timecode.mkv');
    assert.deepEqual(run(['-'], readFileSync(file)).lines, run([file]).lines);
  });

  test('--summary prints one line of totals', () => {
    const { status, lines } = run([getMediaFixture('output-get-media-equal-timecode.mkv'), '--summary']);
    assert.equal(status, 0);
    assert.deepEqual(lines, [
      { chunks: 2, frames: 239, keyframes: 2, bytes: 1274359, errors: 0, anomalies: 2, truncated: true },
    ]);
  });

  test('the merged capture is one line per fragment, each printed once', () => {
    const { lines } = run([getMediaFixture('output_get_media_sparse_fragments_merged.mkv')]);
    assert.deepEqual(
      lines.map((l) => (l as { index: number; frames: number }).index),
      [0, 1, 2],
    );
    assert.equal(
      lines.reduce((n: number, l) => n + (l as { frames: number }).frames, 0),
      180,
    );
  });

  test('not EBML: exit 2, nothing on stdout, one stderr line naming byte 0', () => {
    const { status, lines, stderr } = run(['-'], new TextEncoder().encode('{"this": "is json"}'));
    assert.equal(status, 2);
    assert.deepEqual(lines, []);
    assert.equal(stderr.trimEnd().split('\n').length, 1);
    assert.match(stderr, /^kvs-inspect: stdin: byte 0: expected an EBML header or a Segment/);
  });

  test('corrupt after good chunks: exit 2, the records before the fault printed, stderr names the offset', () => {
    const good = concat([
      getMediaChunk(),
      getMediaChunk({ fragment: '91343852333181432392682062607743920146159169399' }),
    ]);
    const { status, lines, stderr } = run(['-'], concat([good, Uint8Array.of(0x00, 0x01, 0x02)]));
    assert.equal(status, 2);
    assert.equal(lines.length, 2);
    assert.equal(stderr, `kvs-inspect: stdin: byte ${good.length}: invalid element id byte 0x00 (not an EBML id)\n`);
  });

  test('a cut-off chunk followed by whole ones: exit 0, a stderr line names the resync, every whole chunk printed', () => {
    const first = getMediaChunk();
    const cutOff = getMediaChunk({ fragment: '91343852333181432392682062607743920146159169395' }).subarray(0, 300);
    const next = getMediaChunk({ fragment: '91343852333181432392682062607743920146159169399' });
    const { status, lines, stderr } = run(['-'], concat([first, cutOff, next]));
    assert.equal(status, 0);
    const at = first.length + cutOff.length;
    assert.deepEqual(
      lines.map((l) => {
        const r = l as { byteOffset: number; truncated: boolean };
        return [r.byteOffset, r.truncated];
      }),
      [
        [0, false],
        [first.length, true],
        [at, false],
      ],
    );
    assert.match(
      stderr,
      new RegExp(
        `^kvs-inspect: stdin: resynced at byte ${at} after skipping 0 bytes from ${at} \\(byte \\d+: .+\\)\n$`,
      ),
    );
    assert.equal(stderr.trimEnd().split('\n').length, 1);
  });

  test('an empty input is exit 2; a usage error is exit 1', () => {
    assert.equal(run(['-'], new Uint8Array(0)).status, 2);
    assert.equal(run([]).status, 1);
    assert.equal(run(['a.mkv', '--frobnicate']).status, 1);
  });

  test('--filter keeps the matching chunks, the same expression language as the inspector', () => {
    const file = getMediaFixture('output_get_media.mkv');
    const all = run([file]).lines as Array<{ index: number; millisBehindNow: number; fragmentNumber: string }>;
    const median = [...all.map((l) => l.millisBehindNow)].sort((a, b) => a - b)[all.length >> 1];
    const over = run([file, '--filter', `behind > ${median}`]);
    assert.equal(over.status, 0, over.stderr);
    assert.deepEqual(
      over.lines,
      all.filter((l) => l.millisBehindNow > median),
    );
    assert.ok(over.lines.length > 0 && over.lines.length < all.length);
    const tail = all[3].fragmentNumber.slice(-6);
    assert.deepEqual(
      run([file, `--filter=fragment ~ "${tail}$"`]).lines.map((l) => (l as { index: number }).index),
      all.filter((l) => l.fragmentNumber.endsWith(tail)).map((l) => l.index),
    );
    assert.deepEqual(run([file, '--filter', 'keyframes == 0']).lines, []);
    const summary = run([file, '--summary', '--filter', `behind > ${median}`]).lines[0] as { chunks: number };
    assert.equal(summary.chunks, over.lines.length);
  });

  test("keyframes counts the video track's, as the Keys column and --filter do; trackStats has every track", () => {
    // Track 1 is video (one keyframe of two frames); track 2 stands for audio, every frame key.
    const chunk = getMediaChunk({
      blocks: [
        simpleBlock(0, true, 10, 2),
        simpleBlock(0, true, 100, 1),
        simpleBlock(21, true, 10, 2),
        simpleBlock(33, false, 50, 1),
      ],
    });
    const [line] = run(['-'], chunk).lines as Array<{ keyframes: number; trackStats: Array<{ keyframes: number }> }>;
    assert.equal(line.keyframes, 1);
    assert.deepEqual(
      line.trackStats.map((t) => t.keyframes),
      [2, 1],
    );
    assert.equal(run(['-', '--filter', 'keyframes == 1'], chunk).lines.length, 1);
    assert.equal((run(['-', '--summary'], chunk).lines[0] as { keyframes: number }).keyframes, 1);
  });

  test('--filter with a bad expression: exit 1, the message and a caret under the position', () => {
    const { status, lines, stderr } = run([
      getMediaFixture('output_get_media.mkv'),
      '--filter',
      'frames > 0 && keyfram == 0',
    ]);
    assert.equal(status, 1);
    assert.deepEqual(lines, []);
    assert.match(stderr, /^kvs-inspect: --filter: unknown field keyfram: fields are index, fragment/);
    assert.match(stderr, /\n {2}frames > 0 && keyfram == 0\n {16}\^{7}\n/);
  });

  test('--elements: one line per element in file order with the documented keys, EBML header children included', () => {
    const file = getMediaFixture('output_get_media.mkv');
    const { status, lines, stderr } = run([file, '--elements']);
    assert.equal(status, 0, stderr);
    const elements = lines as Array<{ chunk: number; depth: number; id: string; name: string | null; offset: number }>;
    for (const e of elements)
      assert.deepEqual(Object.keys(e), ['chunk', 'depth', 'id', 'name', 'offset', 'headerSize', 'size']);
    assert.deepEqual(elements.slice(0, 2), [
      { chunk: 0, depth: 0, id: '0x1A45DFA3', name: 'EBML', offset: 0, headerSize: 12, size: 35 },
      { chunk: 0, depth: 1, id: '0x4286', name: 'EBMLVersion', offset: 12, headerSize: 3, size: 1 },
    ]);
    const offsets = elements.map((e) => e.offset);
    assert.deepEqual(
      offsets,
      [...offsets].sort((a, b) => a - b),
    );
    const records = run([file]).lines as Array<{ byteOffset: number }>;
    assert.deepEqual(
      elements.filter((e) => e.id === '0x1A45DFA3').map((e) => [e.chunk, e.offset]),
      records.map((r, i) => [i, r.byteOffset]),
    );
    assert.equal(run([file, '--elements', '--summary']).status, 1);
  });

  test('live stdin: a chunk is printed while stdin is still open', async () => {
    const child = spawn(process.execPath, [cli, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const firstLine = new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0]);
      });
      child.on('exit', () => reject(new Error(`exited before printing: ${text}`)));
    });
    child.stdin.write(getMediaChunk());
    const line = JSON.parse(await firstLine) as { index: number; continuationToken: string };
    assert.equal(line.index, 0);
    assert.equal(child.exitCode, null, 'still running: stdin is open');
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
  });
});
