// The demo's archive streams, built from an Apache-2.0 fixture with kvs-local's own seeding: a gap of about five
// minutes, an overlap, and a video track without CodecPrivate. `npm run demo` passes them as kvs-local flags; the
// e2e journey seeds the same streams into its running kvs-local through POST /kvs-local/seed.
import { join } from 'node:path';

const FILE = 'test/fixtures/getmedia/clusters.mkv';

/** @type {import('./archive-demo.d.mts').ArchiveDemoSeed[]} */
export const ARCHIVE_DEMO_SEEDS = [
  { name: 'archive-gap', file: FILE, endsAgoSeconds: 300 },
  { name: 'archive-gap', file: FILE },
  { name: 'archive-overlap', file: FILE, endsAgoSeconds: 8 },
  { name: 'archive-overlap', file: FILE },
  { name: 'archive-no-codec-private', file: FILE, withoutCodecPrivate: true },
];

export const ARCHIVE_DEMO_STREAMS = [...new Set(ARCHIVE_DEMO_SEEDS.map((s) => s.name))];

/** kvs-local flags for the archive streams. */
export function archiveDemoArgs(repo) {
  const args = [];
  for (const s of ARCHIVE_DEMO_SEEDS) {
    const file = join(repo, s.file);
    if (s.endsAgoSeconds) args.push('--seed-ago', `${s.name}=${file}@${s.endsAgoSeconds}`);
    else args.push('--seed', `${s.name}=${file}`);
    if (s.withoutCodecPrivate) args.push('--no-codec-private', s.name);
  }
  return args;
}
