/**
 * The in-band errors written as AWS_KINESISVIDEO_ERROR_ID tags: the GetMedia API page lists 3002, 4000,
 * 4500–4506 and 5000; 3000 comes from GetMediaForFragmentList (a listed fragment that does not exist).
 */
export interface ErrorDescription {
  /** A stable name for the id (the service's own ERROR_CODE text is kept on the record as it came). */
  code: string;
  meaning: string;
  whatToDo: string;
  /** False for an id this catalogue does not document: it is shown raw, never dropped. */
  known: boolean;
  /** Whether calling GetMedia again (from the last continuation token) can be expected to succeed. */
  retryable: boolean;
}

type Entry = Omit<ErrorDescription, 'known'>;

const KMS_ADVICE =
  "The stream is encrypted with a KMS key the service cannot use for you. Check the key in the stream's description (KmsKeyId)";

const CATALOGUE = new Map<number, Entry>([
  [
    3000,
    {
      code: 'FRAGMENT_NOT_FOUND',
      meaning:
        'A fragment in the requested list does not exist. GetMediaForFragmentList writes this id; the GetMedia API page does not list it.',
      whatToDo: "Check the fragment numbers with ListFragments; fragments past the stream's retention period are gone.",
      retryable: false,
    },
  ],
  [
    3002,
    {
      code: 'STREAM_WRITE_ERROR',
      meaning: 'Error writing to the stream: the service could not send the media to this connection.',
      whatToDo: 'Call GetMedia again, starting from the last CONTINUATION_TOKEN received.',
      retryable: true,
    },
  ],
  [
    4000,
    {
      code: 'REQUESTED_FRAGMENT_NOT_FOUND',
      meaning: 'Requested fragment is not found.',
      whatToDo:
        'The start fragment or timestamp is outside the retained data, or was never written. Start from EARLIEST or NOW, or pick a fragment from ListFragments.',
      retryable: false,
    },
  ],
  [
    4500,
    {
      code: 'KMS_ACCESS_DENIED',
      meaning: "Access denied for the stream's KMS key.",
      whatToDo: `${KMS_ADVICE}: the caller needs kms:Decrypt on it (key policy and IAM policy).`,
      retryable: false,
    },
  ],
  [
    4501,
    {
      code: 'KMS_KEY_DISABLED',
      meaning: "The stream's KMS key is disabled.",
      whatToDo: `${KMS_ADVICE}: enable the key in AWS KMS, then call GetMedia again.`,
      retryable: false,
    },
  ],
  [
    4502,
    {
      code: 'KMS_VALIDATION_ERROR',
      meaning: "Validation error on the stream's KMS key.",
      whatToDo: `${KMS_ADVICE}: it must be a valid symmetric key in the stream's region.`,
      retryable: false,
    },
  ],
  [
    4503,
    {
      code: 'KMS_KEY_UNAVAILABLE',
      meaning: 'The KMS key specified in the stream is unavailable.',
      whatToDo:
        'AWS KMS could not be reached or the key is temporarily unavailable: retry with backoff from the last CONTINUATION_TOKEN.',
      retryable: true,
    },
  ],
  [
    4504,
    {
      code: 'KMS_INVALID_USAGE',
      meaning: 'Invalid usage of the KMS key specified in the stream.',
      whatToDo: `${KMS_ADVICE}: its key usage must be ENCRYPT_DECRYPT.`,
      retryable: false,
    },
  ],
  [
    4505,
    {
      code: 'KMS_INVALID_STATE',
      meaning: 'Invalid state of the KMS key specified in the stream.',
      whatToDo: `${KMS_ADVICE}: a key pending deletion or import cannot be used; cancel the deletion or finish the import.`,
      retryable: false,
    },
  ],
  [
    4506,
    {
      code: 'KMS_KEY_NOT_FOUND',
      meaning: 'Unable to find the KMS key specified in the stream.',
      whatToDo: `${KMS_ADVICE}: the key was deleted or is in another account or region; media written with it cannot be read.`,
      retryable: false,
    },
  ],
  [
    5000,
    {
      code: 'INTERNAL_ERROR',
      meaning: 'Internal error in Kinesis Video Streams.',
      whatToDo:
        'Retry with backoff from the last CONTINUATION_TOKEN; if it persists, contact AWS Support with the request id.',
      retryable: true,
    },
  ],
]);

/** Every id the catalogue documents, ascending. */
export const KNOWN_ERROR_IDS: readonly number[] = [...CATALOGUE.keys()].sort((a, b) => a - b);

export function describeError(id: number): ErrorDescription {
  const entry = CATALOGUE.get(id);
  if (entry) return { ...entry, known: true };
  return {
    code: `UNKNOWN_${id}`,
    meaning: `Error id ${id} is not in the documented list (GetMedia: 3002, 4000, 4500–4506, 5000; GetMediaForFragmentList: 3000).`,
    whatToDo:
      'Read the ERROR_CODE text that came with it; retrying from the last CONTINUATION_TOKEN is the usual first step.',
    known: false,
    retryable: false,
  };
}
