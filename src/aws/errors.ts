import type { AwsTarget } from './client-factory';
import { ENV_PROFILE } from './client-factory';
import { readSdkError, type SdkErrorKind, type SdkErrorReading } from './sdk-error';
import { assertNever } from '../protocol';

/** What went wrong with an AWS call, in the user's terms: each kind has its own "what to do". */
export interface AwsProblem {
  kind: SdkErrorKind;
  /** One line for the tree node's label. */
  title: string;
  /** The service's own message, secrets taken out. */
  detail: string;
  whatToDo: string;
  /** Worth trying again by itself (throttling, a dropped connection): the one verdict of readSdkError. */
  transient: boolean;
  errorName: string;
}

function profileWords(target: AwsTarget): string {
  return target.profile === ENV_PROFILE
    ? 'the environment credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)'
    : `profile "${target.profile}"`;
}

function words(kind: SdkErrorKind, target: AwsTarget, e: SdkErrorReading): { title: string; whatToDo: string } {
  const who = profileWords(target);
  switch (kind) {
    case 'credentials-expired':
      return {
        title: `Credentials expired for ${who}`,
        whatToDo: `Refresh them (for SSO: \`aws sso login --profile ${target.profile}\`; for session keys: get new ones), then Refresh.`,
      };
    case 'credentials-missing':
      return {
        title: `No usable credentials for ${who}`,
        whatToDo:
          'Add aws_access_key_id/aws_secret_access_key, a role_arn with source_profile, an SSO session or a credential_process ' +
          'to this profile in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), then Refresh.',
      };
    case 'credentials-failed':
      return {
        title: `credential_process failed for ${who}: ${e.message}`.slice(0, 200),
        whatToDo: "Run the profile's credential_process in a terminal to see why it fails, fix it, then Refresh.",
      };
    case 'credentials-unanswered':
      return {
        title: e.message.startsWith('credential_process')
          ? `credential_process did not answer for ${who}`
          : `The credentials of ${who} did not arrive in time`,
        whatToDo:
          'It may be waiting for input (a browser login, an MFA prompt) or be stuck: run it in a terminal, then Refresh.',
      };
    case 'credentials-rejected':
      return {
        title: `AWS rejected the credentials of ${who}`,
        whatToDo:
          'The secret key or access key id is wrong or was deleted: fix the profile (or switch profile) and Refresh.',
      };
    case 'access-denied':
      return {
        title: `Access denied for ${who} in ${target.region}`,
        whatToDo:
          'The identity lacks a permission (kinesisvideo:ListStreams, DescribeStream, GetDataEndpoint, GetMedia): ask for it or pick another profile.',
      };
    case 'throttled':
      return {
        title: `Throttled by Kinesis Video Streams in ${target.region}`,
        whatToDo:
          'Too many requests for now. Wait a few seconds and Refresh; the explorer already retried with backoff.',
      };
    case 'network':
    case 'endpoint-moved':
      return {
        title: `Cannot reach ${target.endpoint ? `the endpoint ${target.endpoint} (setting kvsInspector.endpoint)` : `Kinesis Video Streams in ${target.region}`}`,
        whatToDo: 'Check the network connection, proxy or VPN, and the kvsInspector.endpoint setting; then Refresh.',
      };
    case 'not-found':
      return { title: 'Not found', whatToDo: 'The stream may have been deleted: Refresh the region.' };
    case 'bug':
      return {
        title: `Internal error in KVS Inspector: ${e.type}: ${e.message}`.slice(0, 200),
        whatToDo:
          'This is a bug in KVS Inspector, not an AWS problem: please report it with the "KVS Inspector" output.',
      };
    case 'service-fault':
    case 'invalid-request':
    case 'other':
      return {
        title: `${e.type}: ${e.message}`.slice(0, 200),
        whatToDo: 'See the "KVS Inspector" output for the call log, then Refresh.',
      };
    default:
      return assertNever(kind);
  }
}

/** Sorts any error from the SDK or a credential provider into the kinds the explorer shows as nodes. */
export function classifyAwsError(error: unknown, target: AwsTarget): AwsProblem {
  const e = readSdkError(error);
  return { kind: e.kind, ...words(e.kind, target, e), detail: e.message, transient: e.retryable, errorName: e.type };
}
