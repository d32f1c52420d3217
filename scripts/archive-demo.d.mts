/** One seeding of a demo archive stream: `file` relative to the repository. */
export interface ArchiveDemoSeed {
  name: string;
  file: string;
  /** The copy's last fragment ends this long ago (kvs-local --seed-ago); none: it ends now. */
  endsAgoSeconds?: number;
  withoutCodecPrivate?: boolean;
}

export const ARCHIVE_DEMO_SEEDS: ArchiveDemoSeed[];
export const ARCHIVE_DEMO_STREAMS: string[];
export function archiveDemoArgs(repo: string): string[];
