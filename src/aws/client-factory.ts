import type { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import type { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import type { KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { attachCallLogger } from './call-logger';
import { loadCredentialProviders, type FixedCredentials } from './credentials';

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

/** The factory plus archived-media clients (ListFragments, GetImages, GetClip, HLS/DASH, GetMediaForFragmentList). */
export interface ArchiveClientFactory extends KvsClientFactory {
  /** A client for a data endpoint from GetDataEndpoint with an archive APIName (ignored when target.endpoint is set). */
  archivedMedia(target: AwsTarget, dataEndpoint: string): KinesisVideoArchivedMediaClient;
}

/** A stream as the explorer knows it: what "Inspect" receives. */
export interface StreamRef {
  target: AwsTarget;
  streamName: string;
  streamArn?: string;
}

/** One key per profile, region and endpoint: for every cache and map kept per target. */
export function targetKey(target: AwsTarget): string {
  return JSON.stringify([target.profile, target.region, target.endpoint ?? '']);
}

/** One key per stream of a target (by ARN when known, else by name). */
export function streamKey(stream: StreamRef): string {
  return JSON.stringify([targetKey(stream.target), stream.streamArn ?? stream.streamName]);
}

/** A StreamRef, or a tree node exposing one (`streamRef`): commands get nodes from menus and plain values from tests. */
export function streamRefOf(arg: unknown): StreamRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = (arg as { streamRef?: unknown }).streamRef ?? arg;
  const ref = candidate as Partial<StreamRef>;
  return typeof ref.streamName === 'string' && typeof ref.target === 'object' && ref.target !== null
    ? (ref as StreamRef)
    : undefined;
}

/** KvsClientFactory plus cache control: the explorer drops every client when the user refreshes or switches profile. */
export interface CachingClientFactory extends ArchiveClientFactory {
  /** Forgets every cached client (and with them cached credentials): the next call reads the profile files again. */
  reset(): void;
}

export interface ClientFactoryOptions {
  log: AwsCallLogger;
  /** A connection that cannot open in this time is reported as "cannot reach" rather than hanging the tree. */
  connectionTimeoutMs?: number;
  /** How long a credential source (credential_process, SSO…) may take before it counts as not answering. */
  credentialTimeoutMs?: number;
  /** Key pairs held in memory for pseudo-profiles (the demo streams). */
  fixedCredentials?: FixedCredentials;
}

/**
 * Loads the SDK modules on first use (never at activation) and returns a factory that caches one client per
 * profile, region and endpoint. `target.endpoint` (kvsInspector.endpoint) replaces the control-plane endpoint
 * and every data endpoint, so a kvs-local URL or a VPC endpoint takes all traffic.
 */
export async function loadClientFactory(options: ClientFactoryOptions): Promise<CachingClientFactory> {
  const [
    { KinesisVideoClient: ControlClient },
    { KinesisVideoMediaClient: MediaClient },
    { KinesisVideoArchivedMediaClient: ArchiveClient },
    credentialsFor,
  ] = await Promise.all([
    import('@aws-sdk/client-kinesis-video'),
    import('@aws-sdk/client-kinesis-video-media'),
    import('@aws-sdk/client-kinesis-video-archived-media'),
    loadCredentialProviders({ timeoutMs: options.credentialTimeoutMs, fixed: options.fixedCredentials }),
  ]);
  const connectionTimeout = options.connectionTimeoutMs ?? 5_000;
  const controlClients = new Map<string, KinesisVideoClient>();
  const mediaClients = new Map<string, KinesisVideoMediaClient>();
  const archiveClients = new Map<string, KinesisVideoArchivedMediaClient>();

  return {
    controlPlane(target) {
      const key = targetKey(target);
      let client = controlClients.get(key);
      if (!client) {
        client = new ControlClient({
          region: target.region,
          endpoint: target.endpoint,
          credentials: credentialsFor(target.profile),
          requestHandler: { connectionTimeout, requestTimeout: 30_000 },
        });
        attachCallLogger(client, target, options.log);
        controlClients.set(key, client);
      }
      return client;
    },
    media(target, dataEndpoint) {
      const endpoint = target.endpoint ?? dataEndpoint;
      const key = JSON.stringify([targetKey(target), endpoint]);
      let client = mediaClients.get(key);
      if (!client) {
        // No request timeout: GetMedia is an endless response by design.
        client = new MediaClient({
          region: target.region,
          endpoint,
          credentials: credentialsFor(target.profile),
          requestHandler: { connectionTimeout },
        });
        attachCallLogger(client, target, options.log);
        mediaClients.set(key, client);
      }
      return client;
    },
    archivedMedia(target, dataEndpoint) {
      const endpoint = target.endpoint ?? dataEndpoint;
      const key = JSON.stringify([targetKey(target), endpoint]);
      let client = archiveClients.get(key);
      if (!client) {
        // No request timeout: GetMediaForFragmentList and GetClip stream large bodies.
        client = new ArchiveClient({
          region: target.region,
          endpoint,
          credentials: credentialsFor(target.profile),
          requestHandler: { connectionTimeout },
        });
        attachCallLogger(client, target, options.log);
        archiveClients.set(key, client);
      }
      return client;
    },
    reset() {
      for (const client of [...controlClients.values(), ...mediaClients.values(), ...archiveClients.values()])
        client.destroy();
      controlClients.clear();
      mediaClients.clear();
      archiveClients.clear();
    },
  };
}
