import type { AwsTarget } from './client-factory';
import { ENV_PROFILE } from './client-factory';

/** What went wrong with an AWS call, in the user's terms: each kind has its own "what to do". */
type AwsProblemKind =
  | 'credentials-missing'
  | 'credentials-expired'
  | 'credentials-rejected'
  | 'access-denied'
  | 'throttled'
  | 'network'
  | 'not-found'
  | 'other';

export interface AwsProblem {
  kind: AwsProblemKind;
  /** One line for the tree node's label. */
  title: string;
  /** The service's own message (never a secret: SDK error messages carry none). */
  detail: string;
  whatToDo: string;
  /** Worth trying again by itself (throttling, a dropped connection). */
  transient: boolean;
  errorName: string;
}

const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired', 'RequestExpired']);
const REJECTED = new Set([
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'IncompleteSignature',
  'InvalidAccessKeyId',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'NotAuthorizedException']);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ClientLimitExceededException',
  'LimitExceededException',
  'RequestLimitExceeded',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

interface ErrorShape {
  name: string;
  message: string;
  code?: string;
  status?: number;
  causeCode?: string;
}

function shapeOf(error: unknown): ErrorShape {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: unknown }; cause?: unknown };
  const cause = fields.cause as { code?: unknown } | undefined;
  return {
    name: error.name,
    message: error.message,
    code: typeof fields.code === 'string' ? fields.code : undefined,
    status: typeof fields.$metadata?.httpStatusCode === 'number' ? fields.$metadata.httpStatusCode : undefined,
    causeCode: typeof cause?.code === 'string' ? cause.code : undefined,
  };
}

function profileWords(target: AwsTarget): string {
  return target.profile === ENV_PROFILE
    ? 'the environment credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)'
    : `profile "${target.profile}"`;
}

/** Sorts any error from the SDK or a credential provider into the kinds the explorer shows as nodes. */
export function classifyAwsError(error: unknown, target: AwsTarget): AwsProblem {
  const e = shapeOf(error);
  const who = profileWords(target);
  const make = (kind: AwsProblemKind, title: string, whatToDo: string, transient = false): AwsProblem => ({
    kind,
    title,
    detail: e.message,
    whatToDo,
    transient,
    errorName: e.name,
  });
  // Credential providers say "expired" in plain Errors too (credential_process: "returned expired credentials").
  const saysExpired =
    /expired (credentials|token)|(token|session|credentials).*(has |have |is )?expired|sso.*refresh/i.test(e.message);

  if (EXPIRED.has(e.name) || (saysExpired && e.status === undefined)) {
    return make(
      'credentials-expired',
      `Credentials expired for ${who}`,
      `Refresh them (for SSO: \`aws sso login --profile ${target.profile}\`; for session keys: get new ones), then Refresh.`,
    );
  }
  if (e.name === 'CredentialsProviderError' || e.name === 'ProviderError') {
    return make(
      'credentials-missing',
      `No usable credentials for ${who}`,
      'Add aws_access_key_id/aws_secret_access_key, a role_arn with source_profile, an SSO session or a credential_process ' +
        'to this profile in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), then Refresh.',
    );
  }
  if (REJECTED.has(e.name)) {
    return make(
      'credentials-rejected',
      `AWS rejected the credentials of ${who}`,
      'The secret key or access key id is wrong or was deleted: fix the profile (or switch profile) and Refresh.',
    );
  }
  if (DENIED.has(e.name) || e.status === 403) {
    return make(
      'access-denied',
      `Access denied for ${who} in ${target.region}`,
      'The identity lacks a permission (kinesisvideo:ListStreams, DescribeStream, GetDataEndpoint, GetMedia): ask for it or pick another profile.',
    );
  }
  if (THROTTLED.has(e.name) || e.status === 429) {
    return make(
      'throttled',
      `Throttled by Kinesis Video Streams in ${target.region}`,
      'Too many requests for now. Wait a few seconds and Refresh; the explorer already retried with backoff.',
      true,
    );
  }
  const code = e.code ?? e.causeCode;
  if (
    (code !== undefined && NETWORK_CODES.has(code)) ||
    e.name === 'TimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up/.test(e.message)
  ) {
    const where = target.endpoint
      ? `the endpoint ${target.endpoint} (setting kvsInspector.endpoint)`
      : `Kinesis Video Streams in ${target.region}`;
    return make(
      'network',
      `Cannot reach ${where}`,
      'Check the network connection, proxy or VPN, and the kvsInspector.endpoint setting; then Refresh.',
      true,
    );
  }
  if (e.name === 'ResourceNotFoundException' || e.status === 404) {
    return make('not-found', 'Not found', 'The stream may have been deleted: Refresh the region.');
  }
  return make(
    'other',
    `${e.name}: ${e.message}`.slice(0, 200),
    'See the "KVS Inspector" output for the call log, then Refresh.',
  );
}
