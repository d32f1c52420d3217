import { invalidArgument } from './errors';
import {
  CONTROL_PLANE_OPERATIONS,
  isControlPlaneOperation,
  parseOperationFault,
  type ControlPlaneOperation,
  type OperationFault,
  type StreamFaults,
} from './faults';
import type { Route } from './http-router';
import {
  onlyFields,
  optionalInteger,
  optionalString,
  requiredString,
  STREAM_NAME,
  type JsonObject,
} from './json-input';
import { readFileSync } from 'node:fs';
import { seedParsed, splitMatroska } from './seed';
import type { StreamStore } from './stream-store';

/**
 * Unsigned admin calls under /kvs-local/ for tests in other processes (127.0.0.1 only):
 * POST /kvs-local/createStreams {"Prefix": "cam-", "Count": 1200}
 * POST /kvs-local/fault {"StreamName": "door", "Fault": "error=4000"}   (Fault null or absent: clear)
 * POST /kvs-local/fault {"Operation": "ListStreams", "Fault": "throttle", "Count": 3}   (no Count: until cleared)
 * POST /kvs-local/seed {"StreamName": "gap", "File": "/path/a.mkv", "EndsAgoSeconds": 300, "WithoutCodecPrivate": false}
 */

export interface AdminActions {
  store: StreamStore;
  createStreams(prefix: string, count: number): string[];
  injectFault(name: string, fault: StreamFaults | string): void;
  clearFaults(name: string): void;
  injectOperationFault(operation: ControlPlaneOperation, fault: OperationFault): void;
  clearOperationFaults(operation: ControlPlaneOperation): void;
}

const asInvalidArgument = <T>(work: () => T): T => {
  try {
    return work();
  } catch (e) {
    throw invalidArgument(e instanceof Error ? e.message : String(e));
  }
};

function operationFault(actions: AdminActions, input: JsonObject): JsonObject {
  const operation = requiredString(input, 'Operation');
  if (!isControlPlaneOperation(operation))
    throw invalidArgument(`Operation '${operation}' is not one of ${CONTROL_PLANE_OPERATIONS.join(', ')}.`);
  const spec = optionalString(input, 'Fault');
  const count = optionalInteger(input, 'Count', 1, 1_000_000);
  if (spec === undefined) {
    if (count !== undefined) throw invalidArgument('Count needs a Fault to count.');
    actions.clearOperationFaults(operation);
    return { Cleared: operation };
  }
  const fault = asInvalidArgument(() => parseOperationFault(spec));
  if (count !== undefined) fault.count = count;
  actions.injectOperationFault(operation, fault);
  return { Injected: fault.kind, Operation: operation, ...(fault.count === undefined ? {} : { Count: fault.count }) };
}

/** --seed / --seed-ago / --no-codec-private for a running server (tests that share one kvs-local). */
function seed(actions: AdminActions, input: JsonObject): JsonObject {
  onlyFields(input, ['StreamName', 'File', 'EndsAgoSeconds', 'WithoutCodecPrivate']);
  const name = requiredString(input, 'StreamName', STREAM_NAME);
  const file = requiredString(input, 'File', { min: 1, max: 4096 });
  const endsAgo = optionalInteger(input, 'EndsAgoSeconds', 0, 30 * 24 * 3600) ?? 0;
  const bytes = asInvalidArgument(() => readFileSync(file));
  const drafts = asInvalidArgument(() => splitMatroska(bytes, file));
  const added = seedParsed(actions.store, name, drafts, {
    endsAgoMs: endsAgo * 1000,
    withoutCodecPrivate: input.WithoutCodecPrivate === true,
  });
  return { StreamName: name, Fragments: added.length };
}

export function adminRoutes(actions: AdminActions): Array<[string, Route]> {
  return [
    ['/kvs-local/seed', { kind: 'admin', handle: (input) => seed(actions, input) }],
    [
      '/kvs-local/createStreams',
      {
        kind: 'admin',
        handle: (input) => {
          onlyFields(input, ['Prefix', 'Count']);
          const prefix = optionalString(input, 'Prefix', { pattern: /[a-zA-Z0-9_.-]*/, min: 0, max: 200 }) ?? '';
          const count = optionalInteger(input, 'Count', 1, 100_000) ?? 1;
          return { StreamNames: actions.createStreams(prefix, count) };
        },
      },
    ],
    [
      '/kvs-local/fault',
      {
        kind: 'admin',
        handle: (input) => {
          onlyFields(input, ['StreamName', 'Operation', 'Fault', 'Count']);
          if (input.Operation !== undefined && input.StreamName !== undefined)
            throw invalidArgument('Give StreamName (a stream fault) or Operation (an operation fault), not both.');
          if (input.Operation !== undefined) return operationFault(actions, input);
          if (input.Count !== undefined)
            throw invalidArgument(
              'Count is for operation faults; a stream fault counts in its own text, e.g. error=4000@2.',
            );
          const name = requiredString(input, 'StreamName', STREAM_NAME);
          const fault = optionalString(input, 'Fault');
          if (fault === undefined) {
            actions.clearFaults(name);
            return { Cleared: name };
          }
          asInvalidArgument(() => actions.injectFault(name, fault));
          return { Injected: fault, StreamName: name };
        },
      },
    ],
  ];
}
