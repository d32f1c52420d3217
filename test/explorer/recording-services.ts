import type { AwsTarget } from '../../src/aws/client-factory';
import { createExtensionServices } from '../../src/aws/extension-services';

/** The real services object the extension builds, with its log lines kept in `lines` (cleared with `lines.length = 0`). */
export function recordingServices(readEndpoint: () => string | undefined) {
  const lines: string[] = [];
  const services = createExtensionServices({
    log: {
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${String(m)}`),
    },
    readEndpoint,
  });
  /** The active kvs-local profile in us-east-1, through the endpoint setting as the extension reads it. */
  const target = (): AwsTarget => ({
    profile: 'kvs-local',
    region: 'us-east-1',
    endpoint: services.endpointOverride(),
  });
  return { services, lines, target };
}
