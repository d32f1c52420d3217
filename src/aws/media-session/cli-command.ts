import { ENV_PROFILE, type StreamRef } from '../client-factory';
import { toSdkSelector, type StartChoice } from './start-selector';

/** Safe for any POSIX shell: bare when only harmless characters, else single-quoted with ' spelled '\''. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export interface CliCommandInput {
  stream: StreamRef;
  /** Where GetMedia goes: the GetDataEndpoint answer (or the endpoint override the session itself uses). */
  endpointUrl: string;
  start: StartChoice;
  /** The file the payload is written to; /dev/stdout for a pipeline. */
  outFile: string;
}

/** The `aws kinesis-video-media get-media` call that reads what the inspector read, as one shell line. */
export function getMediaCommand(input: CliCommandInput): string {
  const { stream, endpointUrl, start, outFile } = input;
  const selector = toSdkSelector(start);
  const json = JSON.stringify({
    ...selector,
    ...(selector.StartTimestamp ? { StartTimestamp: selector.StartTimestamp.getTime() / 1000 } : {}),
  });
  const args = [
    'aws',
    'kinesis-video-media',
    'get-media',
    ...(stream.target.profile && stream.target.profile !== ENV_PROFILE ? ['--profile', stream.target.profile] : []),
    '--region',
    stream.target.region,
    '--endpoint-url',
    endpointUrl,
    ...(stream.streamArn ? ['--stream-arn', stream.streamArn] : ['--stream-name', stream.streamName]),
    '--start-selector',
    json,
    outFile,
  ];
  return args.map(shellQuote).join(' ');
}

/**
 * The same call piped into kvs-inspect. The CLI writes the payload to the file argument and its JSON response
 * metadata to stdout, so the payload goes to fd 3 (the pipe) and the metadata to /dev/null.
 */
export function getMediaPipeline(input: Omit<CliCommandInput, 'outFile'>): string {
  return `${getMediaCommand({ ...input, outFile: '/dev/fd/3' })} 3>&1 >/dev/null | kvs-inspect -`;
}

/** A file name for the output: the stream and where it starts, with nothing a shell or a file system minds. */
export function outputFileName(streamName: string, start: StartChoice): string {
  const where =
    start.type === 'FRAGMENT_NUMBER'
      ? start.afterFragmentNumber.slice(-12)
      : start.type === 'CONTINUATION_TOKEN'
        ? `after-${start.token.slice(-12)}`
        : start.type.toLowerCase();
  return `${streamName}-${where}.mkv`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
