import type { KinesisVideoClient, StreamInfo } from '@aws-sdk/client-kinesis-video';
import type { AwsTarget } from './client-factory';
import { withThrottlingBackoff, type BackoffOptions, DEFAULT_BACKOFF } from './backoff';

/** A stream's facts as the explorer shows them (from ListStreams' StreamInfo). */
export interface StreamSummary {
  name: string;
  arn?: string;
  status?: string;
  mediaType?: string;
  dataRetentionInHours?: number;
  kmsKeyId?: string;
  creationTime?: Date;
  deviceName?: string;
  version?: string;
}

export interface StreamPage {
  streams: StreamSummary[];
  /** Absent on the last page. */
  nextToken?: string;
}

export interface ListStreamsOptions {
  /** StreamNameCondition BEGINS_WITH. */
  namePrefix?: string;
  pageSize?: number;
  backoff?: BackoffOptions;
}

function toSummary(info: StreamInfo): StreamSummary {
  return {
    name: info.StreamName ?? '(unnamed)',
    arn: info.StreamARN,
    status: info.Status,
    mediaType: info.MediaType,
    dataRetentionInHours: info.DataRetentionInHours,
    kmsKeyId: info.KmsKeyId,
    creationTime: info.CreationTime,
    deviceName: info.DeviceName,
    version: info.Version,
  };
}

/** One ListStreams page, retried with backoff while throttled. */
export async function listStreamsPage(
  client: KinesisVideoClient,
  target: AwsTarget,
  nextToken: string | undefined,
  options: ListStreamsOptions = {},
): Promise<StreamPage> {
  const { ListStreamsCommand } = await import('@aws-sdk/client-kinesis-video');
  const prefix = options.namePrefix?.trim();
  const out = await withThrottlingBackoff(
    target,
    () =>
      client.send(
        new ListStreamsCommand({
          MaxResults: options.pageSize ?? 100,
          NextToken: nextToken,
          StreamNameCondition: prefix ? { ComparisonOperator: 'BEGINS_WITH', ComparisonValue: prefix } : undefined,
        }),
      ),
    options.backoff ?? DEFAULT_BACKOFF,
  );
  const streams = (out.StreamInfoList ?? []).map(toSummary).sort((a, b) => a.name.localeCompare(b.name));
  return { streams, nextToken: out.NextToken || undefined };
}

/** Every page in order: `for await (const page of listStreamPages(...))`. */
export async function* listStreamPages(
  client: KinesisVideoClient,
  target: AwsTarget,
  options: ListStreamsOptions = {},
): AsyncGenerator<StreamPage> {
  let token: string | undefined;
  do {
    const page = await listStreamsPage(client, target, token, options);
    yield page;
    token = page.nextToken;
  } while (token);
}

/** DescribeStream: the stream's current facts (status changes while the tree is open), retried while throttled. */
export async function describeStream(
  client: KinesisVideoClient,
  target: AwsTarget,
  streamName: string,
  backoff: BackoffOptions = DEFAULT_BACKOFF,
): Promise<StreamSummary> {
  const { DescribeStreamCommand } = await import('@aws-sdk/client-kinesis-video');
  const out = await withThrottlingBackoff(
    target,
    () => client.send(new DescribeStreamCommand({ StreamName: streamName })),
    backoff,
  );
  if (!out.StreamInfo) throw new Error(`DescribeStream returned no StreamInfo for ${streamName}`);
  return toSummary(out.StreamInfo);
}
