import { ApiError, invalidArgument } from './errors';

/** Reading request bodies the way the service validates them: known fields only, typed, patterned. */

export type JsonObject = Record<string, unknown>;

export function parseJsonBody(body: Uint8Array): JsonObject {
  const text = Buffer.from(body).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiSerializationError(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ApiSerializationError('The request body must be a JSON object.');
  return value as JsonObject;
}

/** Malformed JSON: the service answers 400 SerializationException. */
class ApiSerializationError extends ApiError {
  constructor(message: string) {
    super(400, 'SerializationException', message);
  }
}

export function onlyFields(input: JsonObject, allowed: readonly string[], where = 'request'): void {
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key))
      throw invalidArgument(`Unknown field '${key}' in the ${where}; expected one of ${allowed.join(', ')}.`);
  }
}

/** The service's constraints on a string field: its pattern and its length. */
interface StringRule {
  pattern?: RegExp;
  min?: number;
  max?: number;
}

export function optionalString(input: JsonObject, field: string, rule?: StringRule): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`${field} must be a string.`);
  const min = rule?.min ?? 0;
  const max = rule?.max ?? Infinity;
  if (value.length < min || value.length > max) {
    throw invalidArgument(
      `1 validation error detected: Value '${value}' at '${lowerFirst(field)}' failed to satisfy constraint: Member must have length between ${min} and ${max}`,
    );
  }
  if (rule?.pattern && !new RegExp(`^(?:${rule.pattern.source})$`).test(value)) {
    throw invalidArgument(
      `1 validation error detected: Value '${value}' at '${lowerFirst(field)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.pattern.source}`,
    );
  }
  return value;
}

export function requiredString(input: JsonObject, field: string, rule?: StringRule): string {
  const value = optionalString(input, field, rule);
  if (value === undefined)
    throw invalidArgument(
      `1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}

export function optionalInteger(input: JsonObject, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidArgument(`${field} must be an integer.`);
  if (value < min || value > max) {
    throw invalidArgument(
      `1 validation error detected: Value '${value}' at '${lowerFirst(field)}' failed to satisfy constraint: Member must have value ${value < min ? 'greater than or equal to ' + min : 'less than or equal to ' + max}`,
    );
  }
  return value;
}

/** Epoch seconds (fractions allowed) as the SDKs send timestamps; returns epoch ms. */
export function optionalTimestamp(input: JsonObject, field: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw invalidArgument(`${field} must be a timestamp in epoch seconds.`);
  return Math.round(value * 1000);
}

export function optionalObject(input: JsonObject, field: string): JsonObject | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(`${field} must be an object.`);
  return value as JsonObject;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export const STREAM_NAME = { pattern: /[a-zA-Z0-9_.-]+/, min: 1, max: 256 };
export const STREAM_ARN = {
  pattern: /arn:[a-z\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+\/[a-zA-Z0-9_.-]+\/[0-9]+/,
  min: 1,
  max: 1024,
};

/** Why `name` is not a stream name the service would accept, or null. */
export function streamNameProblem(name: string): string | null {
  if (name.length < STREAM_NAME.min || name.length > STREAM_NAME.max)
    return `is not ${STREAM_NAME.min} to ${STREAM_NAME.max} characters long`;
  return new RegExp(`^(?:${STREAM_NAME.pattern.source})$`).test(name)
    ? null
    : 'may hold only letters, digits, "_", "." and "-"';
}
