import { invalidArgument } from './errors';
import type { StreamFaults } from './faults';
import type { Route } from './http-router';
import { onlyFields, optionalInteger, optionalString, requiredString, STREAM_NAME } from './json-input';
import type { StreamStore } from './stream-store';

/**
 * Unsigned admin calls under /kvs-local/ for tests in other processes (127.0.0.1 only):
 * POST /kvs-local/createStreams {"Prefix": "cam-", "Count": 1200}
 * POST /kvs-local/fault {"StreamName": "door", "Fault": "error=4000"}   (Fault null or absent: clear)
 */

export interface AdminActions {
  store: StreamStore;
  createStreams(prefix: string, count: number): string[];
  injectFault(name: string, fault: StreamFaults | string): void;
  clearFaults(name: string): void;
}

export function adminRoutes(actions: AdminActions): Array<[string, Route]> {
  return [
    ['/kvs-local/createStreams', {
      kind: 'admin',
      handle: (input) => {
        onlyFields(input, ['Prefix', 'Count']);
        const prefix = optionalString(input, 'Prefix', { pattern: /[a-zA-Z0-9_.-]*/, min: 0, max: 200 }) ?? '';
        const count = optionalInteger(input, 'Count', 1, 100_000) ?? 1;
        return { StreamNames: actions.createStreams(prefix, count) };
      },
    }],
    ['/kvs-local/fault', {
      kind: 'admin',
      handle: (input) => {
        onlyFields(input, ['StreamName', 'Fault']);
        const name = requiredString(input, 'StreamName', STREAM_NAME);
        const fault = optionalString(input, 'Fault');
        if (fault === undefined) {
          actions.clearFaults(name);
          return { Cleared: name };
        }
        try {
          actions.injectFault(name, fault);
        } catch (e) {
          throw invalidArgument(e instanceof Error ? e.message : String(e));
        }
        return { Injected: fault, StreamName: name };
      },
    }],
  ];
}
