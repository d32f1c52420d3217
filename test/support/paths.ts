import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: the runner exports it, else the working directory. */
export const repoRoot = resolve(process.env.KVS_REPO_ROOT ?? process.cwd());
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
/** ../shared beside the checkout (or KVS_SHARED_DIR); absent on some machines, so tests that need it skip. */
const sharedDir = resolve(process.env.KVS_SHARED_DIR ?? join(repoRoot, '..', 'shared'));
export const gplCapture = join(sharedDir, 'samples', 'third-party-gpl', 'c-producer-1080p-getmedia.mkv');
export const hasGplCapture = existsSync(gplCapture);
export const getMediaFixture = (name: string): string => join(fixturesDir, 'getmedia', name);
export const producerStream = join(fixturesDir, 'producer-sdk', 'test-stream-1_0.mkv');
