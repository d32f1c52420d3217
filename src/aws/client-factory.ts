import type { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import type { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';

/** Where a set of AWS calls goes: the tree's profile and region, and the optional endpoint override. */
export interface AwsTarget {
  /** Profile name from the shared config files, or ENV_PROFILE for environment credentials. */
  profile: string;
  region: string;
  /** `kvsInspector.endpoint`: replaces the control-plane endpoint and every data endpoint. */
  endpoint?: string;
}

/** Pseudo-profile for credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
export const ENV_PROFILE = '(environment)';

/** Pseudo-profile of the demo streams: kvs-local inside the extension, with a key pair held in memory. */
export const DEMO_PROFILE = '(demo)';

/** One line per AWS call for the "KVS Inspector" log: never a secret. */
export interface AwsCallLog {
  operation: string;
  /** HTTP status; 'network-error' when no response came; 'client-error' when the call never left (e.g. no credentials). */
  status: number | 'network-error' | 'client-error';
  requestId?: string;
  /** Tries the SDK made, retries included. */
  attempts?: number;
  durationMs: number;
  target: AwsTarget;
  errorName?: string;
}

export type AwsCallLogger = (entry: AwsCallLog) => void;

/** Builds SDK clients for a target; both the explorer and the inspector get their clients here. */
export interface KvsClientFactory {
  controlPlane(target: AwsTarget): KinesisVideoClient;
  /** A media client for a data endpoint from GetDataEndpoint (ignored when target.endpoint is set). */
  media(target: AwsTarget, dataEndpoint: string): KinesisVideoMediaClient;
}

/** A stream as the explorer knows it: what "Inspect" receives. */
export interface StreamRef {
  target: AwsTarget;
  streamName: string;
  streamArn?: string;
}
