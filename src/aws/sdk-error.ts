import { redact } from './redact';

/**
 * The one reading of an error from an AWS call, a credential source or the network: what kind of failure it is
 * and whether trying again by itself can help. The explorer, the inspector and the call log all read errors here,
 * so a verdict (retry or not) is decided once.
 */
export type SdkErrorKind =
  | 'credentials-missing'
  | 'credentials-expired'
  | 'credentials-rejected'
  /** credential_process exited with an error (which profile and the exit code are known, nothing else is shown). */
  | 'credentials-failed'
  /** A credential source did not answer in time. */
  | 'credentials-unanswered'
  | 'access-denied'
  | 'throttled'
  | 'network'
  /** The data endpoint moved (InvalidEndpointException): ask for it again. */
  | 'endpoint-moved'
  | 'not-found'
  /** The service refused the request as written (other 4xx). */
  | 'invalid-request'
  /** The service failed (5xx). */
  | 'service-fault'
  /** A TypeError or the like with no HTTP status: a bug here, never a network failure. */
  | 'bug'
  | 'other';

export interface SdkErrorReading {
  kind: SdkErrorKind;
  retryable: boolean;
  /** HTTP status when a response came. */
  status: number | null;
  /** The error's type name (ThrottlingException, TypeError, CredentialProcessError…). */
  type: string;
  /** The x-amzn-ErrorType header as sent, when present. */
  errorTypeHeader: string | null;
  requestId: string | null;
  /** The message with secrets taken out, at most MAX_MESSAGE characters. */
  message: string;
}

/** Kinds where waiting and trying again can succeed without the user changing anything. */
const RETRYABLE: ReadonlySet<SdkErrorKind> = new Set(['throttled', 'network', 'endpoint-moved', 'service-fault']);

const MAX_MESSAGE = 500;

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
  'ConnectionLimitExceededException',
  'LimitExceededException',
  'RequestLimitExceeded',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
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
const NETWORK_MESSAGE = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up/;
const PROGRAMMING_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError']);
/** Credential providers say "expired" in plain errors (credential_process: "returned expired credentials"). */
const SAYS_EXPIRED = /expired (credentials|token)|(token|session|credentials).*(has |have |is )?expired|sso.*refresh/i;

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function headerOf(error: unknown, name: string): string | null {
  const headers = field(field(error, '$response'), 'headers');
  if (typeof headers !== 'object' || headers === null) return null;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return text(value);
  return null;
}

interface Facts {
  type: string;
  message: string;
  status: number | null;
  code: string | null;
}

function kindOf({ type, message, status, code }: Facts): SdkErrorKind {
  if (type === 'CredentialsTimeoutError') return 'credentials-unanswered';
  if (EXPIRED.has(type) || (status === null && SAYS_EXPIRED.test(message))) return 'credentials-expired';
  if (type === 'CredentialProcessError' || (status === null && /^Command failed/.test(message)))
    return 'credentials-failed';
  if (type === 'CredentialsProviderError' || type === 'ProviderError') return 'credentials-missing';
  if (REJECTED.has(type)) return 'credentials-rejected';
  if (DENIED.has(type) || status === 403) return 'access-denied';
  if (THROTTLED.has(type) || status === 429) return 'throttled';
  if (type === 'InvalidEndpointException') return 'endpoint-moved';
  if (type === 'ResourceNotFoundException' || status === 404) return 'not-found';
  if (status !== null && status >= 500) return 'service-fault';
  if (status !== null && status >= 400) return 'invalid-request';
  if (status !== null) return 'other';
  if (PROGRAMMING_ERRORS.has(type)) return 'bug';
  if (NETWORK_NAMES.has(type) || (code !== null && NETWORK_CODES.has(code)) || NETWORK_MESSAGE.test(message))
    return 'network';
  return 'other';
}

/** Reads any thrown value: an SDK ServiceException, a Node network error, a credential error, a bug. */
export function readSdkError(error: unknown): SdkErrorReading {
  const metadata = field(error, '$metadata');
  const statusValue = field(metadata, 'httpStatusCode');
  const status = typeof statusValue === 'number' ? statusValue : null;
  const code = text(field(error, 'code')) ?? text(field(field(error, 'cause'), 'code'));
  const type = text(field(error, 'name')) ?? code ?? 'Error';
  const rawMessage = error instanceof Error ? error.message : (text(field(error, 'message')) ?? String(error));
  const kind = kindOf({ type, message: rawMessage, status, code });
  return {
    kind,
    retryable: RETRYABLE.has(kind),
    status,
    type,
    errorTypeHeader: headerOf(error, 'x-amzn-errortype'),
    requestId: text(field(metadata, 'requestId')) ?? headerOf(error, 'x-amzn-requestid'),
    message: redact(rawMessage).slice(0, MAX_MESSAGE),
  };
}
