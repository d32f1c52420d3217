import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Id } from '../../src/core/ebml/ids';
import { concat, ebmlHeader, tagsElement, unknownSizeHeader } from '../../src/core/ebml/writer';
import { readAllChunks } from '../../src/core/getmedia/chunk-reader';
import { getMediaChunk } from './build-chunks';
import { readSliced } from './slicing';

const FRAGMENT = '91343852333181432392682062607743920146159169392';

// GetMediaForFragmentList's API page names its tags differently from GetMedia's: *_SIDE_TIMESTAMP, and an error
// chunk of FRAGMENT_NUMBER, EXCEPTION_ERROR_CODE (an integer) and EXCEPTION_MESSAGE. No trailing tags follow.
describe('GetMediaForFragmentList output as its API page describes it', () => {
  const exception = concat([
    ebmlHeader(),
    unknownSizeHeader(Id.Segment),
    tagsElement([
      ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', FRAGMENT],
      ['AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE', '3000'],
      ['AWS_KINESISVIDEO_EXCEPTION_MESSAGE', 'Requested fragment was not found'],
    ]),
  ]);

  test("an exception chunk is an error record with its code and the service's message", () => {
    const { records } = readAllChunks(concat([getMediaChunk({ trailing: [] }), exception]));
    assert.equal(records.length, 2);
    const [ok, failed] = records;
    assert.equal(ok.errorId, null);
    assert.equal(failed.errorId, 3000);
    assert.equal(failed.errorCode, 'Requested fragment was not found');
    assert.equal(failed.fragmentNumber, FRAGMENT);
    assert.match(failed.errorMeaning ?? '', /fragment/i);
  });

  test('*_SIDE_TIMESTAMP tags give the record its server and producer times', () => {
    const chunk = concat([
      ebmlHeader(),
      unknownSizeHeader(Id.Segment),
      tagsElement([
        ['AWS_KINESISVIDEO_FRAGMENT_NUMBER', FRAGMENT],
        ['AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP', '1511852109.126'],
        ['AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP', '1511852108.513'],
      ]),
    ]);
    const [record] = readAllChunks(chunk).records;
    assert.equal(record.serverTimestamp, 1_511_852_109_126);
    assert.equal(record.producerTimestamp, 1_511_852_108_513);
  });

  test('read a byte at a time, the same records', () => {
    const input = concat([getMediaChunk({ trailing: [] }), exception, getMediaChunk({ trailing: [] })]);
    assert.deepEqual(readSliced(input, 1).records, readAllChunks(input).records);
  });
});
