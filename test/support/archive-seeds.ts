import { join } from 'node:path';
import type { KvsLocalOptions } from '../../kvs-local/server';
import type { ArchiveDemoSeed } from '../../scripts/archive-demo.mjs' with { 'resolution-mode': 'import' };
import { repoRoot } from './paths';

type Seed = NonNullable<KvsLocalOptions['seeds']>[number];

/**
 * The streams the archive suites read, from one capture: 'gap', the capture twice, the first copy ending
 * `gapEndsAgoMs` ago; 'no-cpd', the capture without its video track's CodecPrivate.
 */
export const gapAndNoCodecPrivate = (file: string, gapEndsAgoMs: number): Seed[] => [
  { name: 'gap', file, endsAgoMs: gapEndsAgoMs },
  { name: 'gap', file },
  { name: 'no-cpd', file, withoutCodecPrivate: true },
];

/** Seeds one of the demo's archive seedings into a running kvs-local (POST /kvs-local/seed), as `streamName`. */
export function seedRunning(kvsUrl: string, seed: ArchiveDemoSeed, streamName = seed.name): Promise<Response> {
  return fetch(`${kvsUrl}/kvs-local/seed`, {
    method: 'POST',
    body: JSON.stringify({
      StreamName: streamName,
      File: join(repoRoot, seed.file),
      EndsAgoSeconds: seed.endsAgoSeconds ?? 0,
      WithoutCodecPrivate: seed.withoutCodecPrivate === true,
    }),
  });
}
