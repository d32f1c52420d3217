/** The SimpleTag names Kinesis Video Streams writes into GetMedia output. */
export const AwsTag = {
  FragmentNumber: 'AWS_KINESISVIDEO_FRAGMENT_NUMBER',
  ServerTimestamp: 'AWS_KINESISVIDEO_SERVER_TIMESTAMP',
  ProducerTimestamp: 'AWS_KINESISVIDEO_PRODUCER_TIMESTAMP',
  MillisBehindNow: 'AWS_KINESISVIDEO_MILLIS_BEHIND_NOW',
  ContinuationToken: 'AWS_KINESISVIDEO_CONTINUATION_TOKEN',
  ErrorCode: 'AWS_KINESISVIDEO_ERROR_CODE',
  ErrorId: 'AWS_KINESISVIDEO_ERROR_ID',
  /** GetMediaForFragmentList's names, as its API page gives them (GetMedia's are the ones above). */
  ServerSideTimestamp: 'AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP',
  ProducerSideTimestamp: 'AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP',
  /** GetMediaForFragmentList's error chunk: the error's integer code and a text description. */
  ExceptionErrorCode: 'AWS_KINESISVIDEO_EXCEPTION_ERROR_CODE',
  ExceptionMessage: 'AWS_KINESISVIDEO_EXCEPTION_MESSAGE',
  /** Written by producers (PutMedia) to close a fragment; GetMedia does not send it. */
  EndOfFragment: 'AWS_KINESISVIDEO_END_OF_FRAGMENT',
} as const;
