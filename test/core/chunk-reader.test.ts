import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Id } from '../../src/core/ebml/ids';
import {
  concat,
  ebmlHeader,
  element,
  encodeSize,
  stringElement,
  uintElement,
  unknownSizeHeader,
} from '../../src/core/ebml/writer';
import { ChunkReader } from '../../src/core/getmedia/chunk-reader';
import { blockGroup, errorChunk, getMediaChunk, simpleBlock, wideElement } from './build-chunks';
import { SLICE_SIZES, readSliced } from './slicing';

/** Reads in every slice size and asserts they agree; returns the whole-input result. */
function readAllWays(bytes: Uint8Array): ReturnType<typeof readSliced> {
  const whole = readSliced(bytes, Infinity);
  for (const size of SLICE_SIZES)
    assert.deepEqual(readSliced(bytes, size).emitted, whole.emitted, `slice size ${size}`);
  return whole;
}

describe('ChunkReader: the GetMedia chunk model', () => {
  test('a chunk comes out the moment its trailing Tags end, before any next byte', () => {
    const chunk = getMediaChunk();
    const reader = new ChunkReader();
    assert.deepEqual(reader.push(chunk.subarray(0, chunk.length - 1)), []);
    const records = reader.push(chunk.subarray(chunk.length - 1));
    assert.equal(records.length, 1);
    assert.equal(records[0].byteLength, chunk.length);
    assert.equal(records[0].continuationToken, '91343852333181432392682062607743920146159169392');
    assert.equal(records[0].millisBehindNow, 1500);
    assert.deepEqual(reader.end(), []);
  });

  test('an error chunk comes out when its Tags end, with the catalogue meaning; unknown ids stay raw', () => {
    const reader = new ChunkReader();
    const [known] = reader.push(errorChunk('4000', 'FRAGMENT_NOT_FOUND'));
    assert.equal(known.errorId, 4000);
    assert.equal(known.errorCode, 'FRAGMENT_NOT_FOUND');
    assert.equal(known.errorMeaning, 'Requested fragment is not found.');
    const [unknown] = reader.push(errorChunk('4242', 'SOMETHING_NEW'));
    assert.equal(unknown.errorId, 4242);
    assert.match(unknown.errorMeaning ?? '', /4242 is not in the documented list/);
    assert.equal(unknown.index, 1);
  });

  test('unknown-size Cluster, 8-byte sizes and an 8-byte absolute epoch-ms timecode (the C producer shape)', () => {
    const epochMs = 1646229468350;
    const blocks = [
      wideElement(Id.SimpleBlock, 8, Uint8Array.of(0x81, 0, 0, 0x80), new Uint8Array(70_000)),
      wideElement(Id.SimpleBlock, 8, Uint8Array.of(0x81, 0, 40, 0x00), new Uint8Array(100)),
    ];
    const chunk = getMediaChunk({ timecode: BigInt(epochMs), blocks, unknownCluster: true, withHeader: false });
    const { records, fault } = readAllWays(
      concat([chunk, getMediaChunk({ fragment: '91343852333181432392682062607743920146159169393' })]),
    );
    assert.equal(fault, null);
    assert.equal(records.length, 2);
    assert.equal(records[0].byteOffset, 0);
    assert.equal(records[0].clusterTimecode, epochMs);
    assert.equal(records[0].frames, 2);
    assert.equal(records[0].keyframes, 1);
    assert.equal(records[0].durationMs, 40);
    assert.equal(records[0].ranges.ebmlHeader, undefined);
    assert.equal(records[1].byteOffset, chunk.length);
  });

  test('BlockGroups count as frames; a BlockGroup without ReferenceBlock is a keyframe', () => {
    const { records } = readAllWays(
      getMediaChunk({ blocks: [blockGroup(0, false), blockGroup(33, true), simpleBlock(66, false)] }),
    );
    assert.equal(records[0].frames, 3);
    assert.equal(records[0].keyframes, 1);
    assert.equal(records[0].durationMs, 66);
  });

  test('CRC-32 and Void anywhere, nested SimpleTags flattened after their parent, TagBinary as hex', () => {
    const nested = element(
      Id.SimpleTag,
      stringElement(Id.TagName, 'OUTER'),
      stringElement(Id.TagString, 'o'),
      element(Id.SimpleTag, stringElement(Id.TagName, 'INNER'), element(Id.TagBinary, Uint8Array.of(0xde, 0xad, 0x01))),
    );
    const tags = element(
      Id.Tags,
      element(Id.CRC32, new Uint8Array(4)),
      element(Id.Tag, element(Id.Void, new Uint8Array(3)), element(Id.Targets), nested),
    );
    // Tags after the chunk's closing Tags start the Segment's next record (each record is returned once).
    const { records } = readAllWays(concat([getMediaChunk(), tags]));
    assert.equal(records.length, 2);
    const last = records[1].tags.slice(-2);
    assert.deepEqual(last, [
      { name: 'OUTER', value: 'o', depth: 0 },
      { name: 'INNER', value: 'dead01', depth: 1, binary: true },
    ]);
  });

  test('a chunk with tags and no cluster is a record; a Tags-only stream is one record', () => {
    const tagsOnly = concat([
      unknownSizeHeader(Id.Segment),
      element(
        Id.Tags,
        element(
          Id.Tag,
          element(
            Id.SimpleTag,
            stringElement(Id.TagName, 'AWS_KINESISVIDEO_FRAGMENT_NUMBER'),
            stringElement(Id.TagString, '1'),
          ),
        ),
      ),
    ]);
    const { records } = readAllWays(tagsOnly);
    assert.equal(records.length, 1);
    assert.equal(records[0].fragmentNumber, '1');
    assert.equal(records[0].frames, 0);
    assert.equal(records[0].clusterTimecode, null);
  });

  test('a last chunk cut off mid-element is truncated and nothing before it is lost', () => {
    const two = concat([
      getMediaChunk(),
      getMediaChunk({ fragment: '91343852333181432392682062607743920146159169400' }),
    ]);
    for (const cut of [two.length - 1, two.length - 30, getMediaChunk().length + 5]) {
      const { records, fault } = readAllWays(two.subarray(0, cut));
      assert.equal(fault, null);
      assert.equal(records.length, 2, `cut at ${cut}`);
      assert.equal(records[0].truncated, false);
      assert.equal(records[1].truncated, true);
      assert.ok(records[1].anomalies.includes('cut off: the input ended inside this chunk'));
    }
  });

  test('anomalies: timecode backwards and equal, fragment number not increasing, no keyframe first, producer ahead', () => {
    const input = concat([
      getMediaChunk({ fragment: '100', timecode: 5000 }),
      getMediaChunk({ fragment: '99', timecode: 4000, blocks: [simpleBlock(0, false)] }),
      getMediaChunk({ fragment: '101', timecode: 4000, server: '10.000', producer: '10.250' }),
    ]);
    const { records } = readAllWays(input);
    assert.deepEqual(
      records.map((r) => r.anomalies),
      [
        [],
        [
          'cluster timecode went backwards: 4000 after 5000',
          'fragment number did not increase: 99 after 100',
          'fragment does not start with a keyframe: first block (track 1) is not key',
        ],
        ["cluster timecode equal to the previous chunk's: 4000", 'producer time ahead of server time: by 250 ms'],
      ],
    );
  });

  test('unreadable timestamps become an anomaly and null, the raw text is kept', () => {
    const { records } = readAllWays(getMediaChunk({ server: 'yesterday', producer: '12' }));
    assert.equal(records[0].serverTimestamp, null);
    assert.equal(records[0].serverTimestampText, 'yesterday');
    assert.equal(records[0].producerTimestamp, 12000);
    assert.ok(
      records[0].anomalies.some((a) => a.startsWith('unreadable timestamp: AWS_KINESISVIDEO_SERVER_TIMESTAMP')),
    );
  });

  test('ordinary Matroska: one record per Cluster, emitted when the next Cluster starts', () => {
    const cluster = (tc: number): Uint8Array =>
      element(Id.Cluster, uintElement(Id.Timecode, tc), simpleBlock(0, true), simpleBlock(20, false));
    const file = concat([
      unknownSizeHeader(Id.Segment),
      element(Id.Info, uintElement(Id.TimecodeScale, 1_000_000)),
      cluster(0),
      cluster(40),
      cluster(80),
    ]);
    const reader = new ChunkReader();
    const first = reader.push(file);
    assert.deepEqual(
      first.map((r) => r.clusterTimecode),
      [0, 40],
    );
    const rest = reader.end();
    assert.deepEqual(
      rest.map((r) => [r.index, r.clusterTimecode, r.fragmentNumber]),
      [[2, 80, null]],
    );
  });
});

describe('ChunkReader: faults', () => {
  test('not EBML at all: no record; when the input ends with no chunk start, the fault names byte 0', () => {
    const reader = new ChunkReader();
    assert.deepEqual(reader.push(new TextEncoder().encode('hello, this is not a video')), []);
    const searching = reader.fault;
    assert.equal(searching, null, 'still looking for a chunk start');
    assert.deepEqual(reader.end(), []);
    assert.equal(reader.fault?.byteOffset, 0);
    assert.match(reader.fault?.message ?? '', /expected an EBML header or a Segment/);
    assert.deepEqual(reader.push(getMediaChunk()), [], 'nothing after end()');
  });

  test('garbage to the end after good chunks: records kept, the chunk in progress comes out truncated at the end', () => {
    const good = getMediaChunk();
    const bad = concat([good, ebmlHeader(), unknownSizeHeader(Id.Segment), Uint8Array.of(0x00, 0x00, 0x00)]);
    const reader = new ChunkReader();
    assert.equal(reader.push(bad).length, 1);
    const last = reader.end();
    assert.equal(last.length, 1);
    assert.equal(last[0].truncated, true);
    assert.ok(last[0].anomalies.some((a) => a.startsWith('corrupt at byte')));
    assert.ok(reader.fault);
    assert.ok(reader.fault.byteOffset >= good.length);
  });

  test('garbage then a whole chunk: the cut-off chunk is truncated, the next one is read and says it resynced', () => {
    const good = getMediaChunk();
    const cut = concat([ebmlHeader(), unknownSizeHeader(Id.Segment), Uint8Array.of(0x00, 0x00, 0x00)]);
    const next = getMediaChunk({ fragment: '91343852333181432392682062607743920146159169399' });
    const input = concat([good, cut, next]);
    const { records, fault } = readAllWays(input);
    assert.equal(fault, null);
    assert.deepEqual(
      records.map((r) => [r.byteOffset, r.byteLength, r.truncated]),
      [
        [0, good.length, false],
        [good.length, cut.length - 3, true],
        [good.length + cut.length, next.length, false],
      ],
    );
    const at = good.length + cut.length;
    const faultAt = at - 3;
    assert.deepEqual(records[2].resync, {
      from: faultAt,
      at,
      reason: `byte ${faultAt}: invalid element id byte 0x00 (not an EBML id)`,
    });
    assert.equal(
      records[2].anomalies[0],
      `resynced at byte ${at} after skipping 3 bytes from ${faultAt} (byte ${faultAt}: invalid element id byte 0x00 (not an EBML id))`,
    );
    assert.equal(records[2].fragmentNumber, '91343852333181432392682062607743920146159169399');
  });

  test('a size of 2^56 - 2 is a fault, not an allocation; the records before it stay', () => {
    const hugeTag = concat([
      Uint8Array.of(0x44, 0x87),
      Uint8Array.of(0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe),
      new Uint8Array(1000),
    ]);
    const input = concat([
      getMediaChunk(),
      unknownSizeHeader(Id.Segment),
      unknownSizeHeader(Id.Tags),
      unknownSizeHeader(Id.Tag),
      unknownSizeHeader(Id.SimpleTag),
      hugeTag,
    ]);
    const before = process.memoryUsage().arrayBuffers;
    const { records, fault } = readAllWays(input);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
    assert.match(fault?.message ?? '', /TagString \(0x4487\) declares a size beyond 2\^53 bytes/);
    assert.equal(records.length, 2);
    assert.equal(records[1].truncated, true);
  });

  test('a plausible but unmet size (2^40) is skipped without allocating: the input ends, the chunk is truncated', () => {
    const bigTag = concat([Uint8Array.of(0x44, 0x87), encodeSize(2 ** 40, 8), new Uint8Array(1000)]);
    const input = concat([
      unknownSizeHeader(Id.Segment),
      unknownSizeHeader(Id.Tags),
      unknownSizeHeader(Id.Tag),
      unknownSizeHeader(Id.SimpleTag),
      bigTag,
    ]);
    const before = process.memoryUsage().arrayBuffers;
    const { records, fault } = readAllWays(input);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
    assert.equal(fault, null);
    assert.equal(records.length, 1);
    assert.equal(records[0].truncated, true);
  });

  test('a child running past its parent is a fault naming both', () => {
    const input = concat([
      element(Id.Segment, element(Id.Info, uintElement(Id.TimecodeScale, 1))),
      Uint8Array.of(0x2a, 0xd7, 0xb1, 0x88),
    ]);
    const liar = concat([
      Uint8Array.of(0x18, 0x53, 0x80, 0x67, 0x85),
      Uint8Array.of(0x15, 0x49, 0xa9, 0x66, 0x90),
      new Uint8Array(20),
    ]);
    const reader = new ChunkReader();
    reader.push(input.subarray(0, 0));
    reader.push(liar);
    reader.end();
    assert.match(reader.fault?.message ?? '', /Info \(0x1549A966\) of 16 bytes runs past the end of Segment/);
    assert.equal(reader.fault?.byteOffset, 5);
  });
});
