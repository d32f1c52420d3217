import { accessDenied, clientLimit, invalidArgument, notFound, resourceInUse, ApiError } from './errors';
import type { ControlPlaneOperation, OperationFault } from './faults';
import {
  onlyFields,
  optionalInteger,
  optionalObject,
  optionalString,
  requiredString,
  STREAM_ARN,
  STREAM_NAME,
  type JsonObject,
} from './json-input';
import type { StreamRecord, StreamStore } from './stream-store';

/** CreateStream, DeleteStream, ListStreams, DescribeStream, GetDataEndpoint: request JSON in, response JSON out. */

export interface ControlPlaneContext {
  store: StreamStore;
  /** What GetDataEndpoint answers for every APIName: this server's own URL. */
  dataEndpoint(): string;
}

const DEFAULT_PAGE = 10;
const API_NAMES = [
  'PUT_MEDIA',
  'GET_MEDIA',
  'LIST_FRAGMENTS',
  'GET_MEDIA_FOR_FRAGMENT_LIST',
  'GET_HLS_STREAMING_SESSION_URL',
  'GET_DASH_STREAMING_SESSION_URL',
  'GET_CLIP',
  'GET_IMAGES',
];

function streamInfo(s: StreamRecord): JsonObject {
  const info: JsonObject = {
    StreamName: s.name,
    StreamARN: s.arn,
    KmsKeyId: s.kmsKeyId,
    Version: s.version,
    Status: s.status,
    CreationTime: s.creationTimeMs / 1000,
    DataRetentionInHours: s.dataRetentionInHours,
  };
  if (s.deviceName !== null) info.DeviceName = s.deviceName;
  if (s.mediaType !== null) info.MediaType = s.mediaType;
  return info;
}

/** StreamName or StreamARN, as every data call takes them; exactly one stream or ResourceNotFoundException. */
export function resolveStream(store: StreamStore, input: JsonObject): StreamRecord {
  const name = optionalString(input, 'StreamName', STREAM_NAME);
  const arn = optionalString(input, 'StreamARN', STREAM_ARN);
  if (name === undefined && arn === undefined)
    throw invalidArgument('Either StreamName or StreamARN must be specified.');
  if (name !== undefined && arn !== undefined) {
    const byName = store.get(name);
    if (!byName || byName.arn !== arn)
      throw invalidArgument('StreamName and StreamARN do not refer to the same stream.');
    return byName;
  }
  const stream = name !== undefined ? store.get(name) : store.byArn(arn ?? '');
  if (!stream)
    throw notFound(
      name !== undefined
        ? `The requested stream ${name} was not found or not active.`
        : `The requested stream ${arn} was not found or not active.`,
    );
  return stream;
}

export function createStream(ctx: ControlPlaneContext, input: JsonObject): JsonObject {
  onlyFields(input, [
    'StreamName',
    'DeviceName',
    'MediaType',
    'KmsKeyId',
    'DataRetentionInHours',
    'Tags',
    'StreamStorageConfiguration',
  ]);
  const name = requiredString(input, 'StreamName', STREAM_NAME);
  const deviceName = optionalString(input, 'DeviceName', { pattern: /[a-zA-Z0-9_.-]+/, min: 1, max: 128 });
  const mediaType = optionalString(input, 'MediaType', {
    pattern: /[\w\-.+]+\/[\w\-.+]+(,[\w\-.+]+\/[\w\-.+]+)*/,
    min: 1,
    max: 128,
  });
  const kmsKeyId = optionalString(input, 'KmsKeyId', { min: 1, max: 2048 });
  const dataRetentionInHours = optionalInteger(input, 'DataRetentionInHours', 0, 87600) ?? 0;
  if (ctx.store.get(name)) throw resourceInUse(`The stream ${name} already exists.`);
  const stream = ctx.store.create({ name, deviceName, mediaType, kmsKeyId, dataRetentionInHours });
  return { StreamARN: stream.arn };
}

export function deleteStream(ctx: ControlPlaneContext, input: JsonObject): JsonObject {
  onlyFields(input, ['StreamARN', 'CurrentVersion']);
  const arn = requiredString(input, 'StreamARN', STREAM_ARN);
  const version = optionalString(input, 'CurrentVersion', { pattern: /[a-zA-Z0-9]+/, min: 1, max: 64 });
  const stream = ctx.store.byArn(arn);
  if (!stream) throw notFound(`The requested stream ${arn} was not found or not active.`);
  if (version !== undefined && version !== stream.version) {
    throw new ApiError(
      400,
      'VersionMismatchException',
      `The stream version ${version} does not match the current version ${stream.version}.`,
    );
  }
  ctx.store.delete(stream);
  return {};
}

export function describeStream(ctx: ControlPlaneContext, input: JsonObject): JsonObject {
  onlyFields(input, ['StreamName', 'StreamARN']);
  return { StreamInfo: streamInfo(resolveStream(ctx.store, input)) };
}

export function listStreams(ctx: ControlPlaneContext, input: JsonObject): JsonObject {
  onlyFields(input, ['MaxResults', 'NextToken', 'StreamNameCondition']);
  const max = optionalInteger(input, 'MaxResults', 1, 10000) ?? DEFAULT_PAGE;
  const token = optionalString(input, 'NextToken', { min: 0, max: 512 });
  let prefix = '';
  const condition = optionalObject(input, 'StreamNameCondition');
  if (condition) {
    onlyFields(condition, ['ComparisonOperator', 'ComparisonValue'], 'StreamNameCondition');
    const operator = optionalString(condition, 'ComparisonOperator');
    if (operator !== undefined && operator !== 'BEGINS_WITH')
      throw invalidArgument(`ComparisonOperator ${operator} is not supported; use BEGINS_WITH.`);
    prefix = optionalString(condition, 'ComparisonValue', { pattern: STREAM_NAME.pattern, min: 1, max: 256 }) ?? '';
  }
  const after = token === undefined || token === '' ? undefined : decodeToken(token);
  const matching = ctx.store.list().filter((s) => s.name.startsWith(prefix) && (after === undefined || s.name > after));
  const page = matching.slice(0, max);
  const out: JsonObject = { StreamInfoList: page.map(streamInfo) };
  if (matching.length > max) out.NextToken = encodeToken(page[page.length - 1].name);
  return out;
}

export function getDataEndpoint(ctx: ControlPlaneContext, input: JsonObject): JsonObject {
  onlyFields(input, ['APIName', 'StreamName', 'StreamARN']);
  const apiName = requiredString(input, 'APIName');
  if (!API_NAMES.includes(apiName)) {
    throw invalidArgument(
      `1 validation error detected: Value '${apiName}' at 'aPIName' failed to satisfy constraint: Member must satisfy enum value set: [${API_NAMES.join(', ')}]`,
    );
  }
  resolveStream(ctx.store, input);
  return { DataEndpoint: ctx.dataEndpoint() };
}

/** The error an injected operation fault answers with, worded as the service and IAM word them. */
export function operationFaultError(
  store: StreamStore,
  operation: ControlPlaneOperation,
  fault: OperationFault,
  input: JsonObject,
  accessKeyId: string,
): ApiError {
  if (fault.kind === 'throttle') {
    return clientLimit(
      `Kinesis Video Streams has throttled the ${operation} request because you have exceeded the limit of allowed client calls. Try making the call later.`,
    );
  }
  const named = [input.StreamName, input.StreamARN].find((v): v is string => typeof v === 'string');
  return accessDenied(
    `User: arn:aws:iam::${store.accountId}:user/${accessKeyId} is not authorized to perform: kinesisvideo:${operation} on resource: ${named ?? '*'}`,
  );
}

const TOKEN_PREFIX = 'kvs-local:';
const encodeToken = (lastName: string): string => Buffer.from(TOKEN_PREFIX + lastName).toString('base64');
function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) throw invalidArgument(`NextToken '${token}' is not a token this service issued.`);
  return text.slice(TOKEN_PREFIX.length);
}
