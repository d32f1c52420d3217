import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startKvsLocal, type KvsLocalCredential } from '../../kvs-local/server';

/**
 * The demo streams: kvs-local started inside the extension host, seeded from the real captures shipped in
 * media/demo/. In process (not a child): closing the extension host closes the listener with it, whatever the
 * way it ends, and the demo's load (a few streams at real time) is small. No temp file: the store is memory only.
 */

export const DEMO_REGION = 'us-east-1';

/** The captures shipped in the .vsix (media/demo/, with their LICENSE and NOTICE). */
export const DEMO_CAPTURES = {
  recorded: 'kinesis_video_renderer_example_output.mkv',
  producerTags: 'test_mixed_tags.mkv',
} as const;

/** Stream names and what each shows. */
export const DEMO_STREAMS = {
  live: 'demo-live',
  recorded: 'demo-recorded',
  producerTags: 'demo-producer-tags',
  error: 'demo-error',
} as const;

/** The in-band error the error stream answers after a few chunks: KMS access denied. */
export const DEMO_ERROR = { id: 4500, afterChunks: 3 } as const;

export interface DemoServer {
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** A key pair made for this run, held in memory only: no profile or settings file ever sees it. */
  readonly credential: KvsLocalCredential;
  readonly streamNames: readonly string[];
  close(): Promise<void>;
}

function randomKeyPair(): KvsLocalCredential {
  return {
    accessKeyId: `AKIDDEMO${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(24).toString('base64url'),
  };
}

/** Starts kvs-local on 127.0.0.1 (a free port) with the demo streams; `captureDir` holds DEMO_CAPTURES. */
export async function startDemoServer(captureDir: string, log: (line: string) => void): Promise<DemoServer> {
  const credential = randomKeyPair();
  const capture = (name: string): string => join(captureDir, name);
  const handle = await startKvsLocal({
    port: 0,
    region: DEMO_REGION,
    credentials: [credential],
    seeds: [
      { name: DEMO_STREAMS.recorded, file: capture(DEMO_CAPTURES.recorded) },
      { name: DEMO_STREAMS.producerTags, file: capture(DEMO_CAPTURES.producerTags) },
      { name: DEMO_STREAMS.error, file: capture(DEMO_CAPTURES.producerTags) },
    ],
    live: [{ name: DEMO_STREAMS.live, file: capture(DEMO_CAPTURES.recorded) }],
    faults: [{ name: DEMO_STREAMS.error, spec: `error=${DEMO_ERROR.id}@${DEMO_ERROR.afterChunks}` }],
    log,
  });
  return {
    url: handle.url,
    port: handle.port,
    region: handle.region,
    credential,
    streamNames: handle.store.list().map((s) => s.name),
    close: () => handle.close(),
  };
}
