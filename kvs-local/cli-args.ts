import type { KvsLocalCredential } from './server';

/** Command-line flags of `npm run kvs-local`, parsed with a clear message for each mistake. */

interface NamedFile {
  name: string;
  file: string;
}

/** A --seed or --seed-ago file, with how to place it. */
interface SeedFile extends NamedFile {
  endsAgoMs?: number;
  withoutCodecPrivate?: boolean;
}

export interface CliOptions {
  port: number;
  region?: string;
  dataDir?: string;
  seeds: SeedFile[];
  live: NamedFile[];
  credentials: KvsLocalCredential[];
  streams: Array<{ prefix: string; count: number }>;
  /** NAME:SPEC pairs handed to the fault parser. */
  faults: Array<{ name: string; spec: string }>;
  /** --retention HOURS: what seeded, live and --streams streams retain (undefined: the server's default, 24). */
  retentionHours?: number;
  /** --keep-capture-times: seeded captures keep their own fragment numbers and timestamps. */
  keepCaptureTimes: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run kvs-local -- [options]
  --port N                 port on 127.0.0.1 (0, the default, picks a free one)
  --region R               signing region (default us-east-1)
  --access-key ID --secret-key KEY
                           an accepted key pair; repeat the pair for more (default AKIDKVSLOCAL / kvs-local-secret)
  --data DIR               persist streams and fragments in DIR (append-only files); default: memory only
  --streams PREFIX:COUNT   create COUNT empty streams PREFIX0000, PREFIX0001, ... (repeatable)
  --seed NAME=FILE         create stream NAME and ingest FILE's clusters as past fragments (repeatable)
  --seed-ago NAME=FILE@SECONDS
                           seed FILE so its last fragment ended SECONDS ago (seed NAME twice to leave a gap,
                           or to overlap when the second copy starts before the first ends)
  --no-codec-private NAME  drop the video CodecPrivate from every fragment seeded into NAME
  --keep-capture-times     seeded GetMedia captures keep their own fragment numbers and timestamps
                           (default: as if just put: fresh numbers, times moved to end a second ago)
  --retention HOURS        data retention of the streams made by --seed, --live and --streams (default 24;
                           0: nothing is archived, and the archive APIs answer NoDataRetentionException)
  --live NAME=FILE         loop FILE's clusters into NAME in real time, as a live producer (repeatable)
  --fault NAME:SPEC        inject a fault into stream NAME's reads (repeatable), SPEC one of
                           error=ID[@N]  drop=BYTES  stall=SECONDS[@N]  end=N  kms[=ID]
  --fault OPERATION:SPEC   fail the next COUNT calls (all, without COUNT) of ListStreams, DescribeStream,
                           GetDataEndpoint, CreateStream or DeleteStream: throttle[=COUNT]  access-denied[=COUNT]
  --help                   this text`;

export class UsageError extends Error {}

function namedFile(flag: string, value: string): NamedFile {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new UsageError(`${flag} expects NAME=FILE, got '${value}'`);
  return { name: value.slice(0, eq), file: value.slice(eq + 1) };
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const out: CliOptions = {
    port: 0,
    seeds: [],
    live: [],
    credentials: [],
    streams: [],
    faults: [],
    keepCaptureTimes: false,
    help: false,
  };
  const keys: string[] = [];
  const noCodecPrivate: string[] = [];
  const secrets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      out.help = true;
      continue;
    }
    if (flag === '--keep-capture-times') {
      out.keepCaptureTimes = true;
      continue;
    }
    const value = argv[i + 1];
    if (!flag.startsWith('--')) throw new UsageError(`unexpected argument '${flag}'`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--port': {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port expects 0-65535, got '${value}'`);
        out.port = port;
        break;
      }
      case '--region':
        out.region = value;
        break;
      case '--retention': {
        const hours = Number(value);
        if (!Number.isInteger(hours) || hours < 0 || hours > 87600)
          throw new UsageError(`--retention expects whole hours 0-87600, got '${value}'`);
        out.retentionHours = hours;
        break;
      }
      case '--data':
        out.dataDir = value;
        break;
      case '--access-key':
        keys.push(value);
        break;
      case '--secret-key':
        secrets.push(value);
        break;
      case '--seed':
        out.seeds.push(namedFile(flag, value));
        break;
      case '--seed-ago': {
        const m = /^(.+)@(\d+(?:\.\d+)?)$/.exec(value);
        if (!m) throw new UsageError(`--seed-ago expects NAME=FILE@SECONDS, got '${value}'`);
        out.seeds.push({ ...namedFile(flag, m[1]), endsAgoMs: Math.round(Number(m[2]) * 1000) });
        break;
      }
      case '--no-codec-private':
        noCodecPrivate.push(value);
        break;
      case '--live':
        out.live.push(namedFile(flag, value));
        break;
      case '--streams': {
        const m = /^([a-zA-Z0-9_.-]*):(\d+)$/.exec(value);
        if (!m) throw new UsageError(`--streams expects PREFIX:COUNT, got '${value}'`);
        out.streams.push({ prefix: m[1], count: Number(m[2]) });
        break;
      }
      case '--fault': {
        const colon = value.indexOf(':');
        if (colon <= 0) throw new UsageError(`--fault expects NAME:SPEC, got '${value}'`);
        out.faults.push({ name: value.slice(0, colon), spec: value.slice(colon + 1) });
        break;
      }
      default:
        throw new UsageError(`unknown option ${flag}`);
    }
  }
  for (const seed of out.seeds) if (noCodecPrivate.includes(seed.name)) seed.withoutCodecPrivate = true;
  if (keys.length !== secrets.length) throw new UsageError('--access-key and --secret-key come in pairs');
  out.credentials = keys.map((accessKeyId, i) => ({ accessKeyId, secretAccessKey: secrets[i] }));
  return out;
}
