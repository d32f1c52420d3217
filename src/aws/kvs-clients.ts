import type { KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import type { KinesisVideoMediaClient } from '@aws-sdk/client-kinesis-video-media';
import type { AwsCallLogger, AwsTarget, KvsClientFactory } from './client-factory';
import { attachCallLogger } from './call-logger';
import { loadCredentialProviders, type FixedCredentials } from './credentials';

/** KvsClientFactory plus cache control: the explorer drops every client when the user refreshes or switches profile. */
export interface CachingClientFactory extends KvsClientFactory {
  /** Forgets every cached client (and with them cached credentials): the next call reads the profile files again. */
  reset(): void;
}

export interface ClientFactoryOptions {
  log: AwsCallLogger;
  /** A connection that cannot open in this time is reported as "cannot reach" rather than hanging the tree. */
  connectionTimeoutMs?: number;
  /** Key pairs held in memory for pseudo-profiles (the demo streams). */
  fixedCredentials?: FixedCredentials;
  /** How long a credential source (credential_process, SSO…) may take before it counts as not answering. */
  credentialTimeoutMs?: number;
}

const keyOf = (t: AwsTarget, extra = ''): string => JSON.stringify([t.profile, t.region, t.endpoint ?? '', extra]);

/**
 * Loads the SDK modules on first use (never at activation) and returns a factory that caches one client per
 * profile, region and endpoint. `target.endpoint` (kvsInspector.endpoint) replaces the control-plane endpoint
 * and every data endpoint, so a kvs-local URL or a VPC endpoint takes all traffic.
 */
export async function loadClientFactory(options: ClientFactoryOptions): Promise<CachingClientFactory> {
  const [{ KinesisVideoClient: ControlClient }, { KinesisVideoMediaClient: MediaClient }, credentialsFor] =
    await Promise.all([
      import('@aws-sdk/client-kinesis-video'),
      import('@aws-sdk/client-kinesis-video-media'),
      loadCredentialProviders({ timeoutMs: options.credentialTimeoutMs, fixed: options.fixedCredentials }),
    ]);
  const connectionTimeout = options.connectionTimeoutMs ?? 5_000;
  const controlClients = new Map<string, KinesisVideoClient>();
  const mediaClients = new Map<string, KinesisVideoMediaClient>();

  return {
    controlPlane(target) {
      const key = keyOf(target);
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
      const key = keyOf(target, endpoint);
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
    reset() {
      for (const client of [...controlClients.values(), ...mediaClients.values()]) client.destroy();
      controlClients.clear();
      mediaClients.clear();
    },
  };
}
