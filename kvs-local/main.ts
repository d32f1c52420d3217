import { parseCliArgs, USAGE, UsageError } from './cli-args';
import { startKvsLocal } from './server';

/** `npm run kvs-local -- ...`: the first stdout line is the URL; serves until SIGINT/SIGTERM. */

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`kvs-local: ${e.message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const handle = await startKvsLocal({
    port: options.port,
    region: options.region,
    credentials: options.credentials,
    streams: options.streams,
    seeds: options.seeds.map((s) => ({ ...s, keepCaptureTimes: options.keepCaptureTimes })),
    faults: options.faults,
    live: options.live,
    dataDir: options.dataDir,
    retentionHours: options.retentionHours,
  });
  console.log(`kvs-local listening on ${handle.url}`);
  console.log(
    `  region ${handle.region}, ${handle.store.size} stream(s), keys ${handle.credentials.map((c) => c.accessKeyId).join(', ')}`,
  );
  const stop = (): void => {
    void handle.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`kvs-local: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
