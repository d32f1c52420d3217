/** Faults a test can inject into a stream's reads (GetMedia and GetMediaForFragmentList). */

export interface StreamFaults {
  /** Send an in-band error chunk with this ERROR_ID after `errorAfterChunks` chunks, then end the response. */
  errorId?: number;
  errorAfterChunks?: number;
  /** Destroy the connection once this many body bytes have been written. */
  dropAfterBytes?: number;
  /** Pause this long before chunk number `stallBeforeChunk` (default 1: after the first chunk). */
  stallSeconds?: number;
  stallBeforeChunk?: number;
  /** End the response cleanly after this many chunks, as the service ends a session that has run its course. */
  endAfterChunks?: number;
  /** Every read fails at once with this KMS error id (4500-4506). */
  kmsErrorId?: number;
  /** Chunk number `hugeClusterAfterChunks` gets an unknown-size Cluster of this many bytes, generated as it is sent. */
  hugeClusterBytes?: number;
  hugeClusterAfterChunks?: number;
}

/**
 * One fault from text, as the --fault flag and the admin call take it:
 * `error=ID[@CHUNKS]`, `drop=BYTES`, `stall=SECONDS[@CHUNK]`, `end=CHUNKS`, `kms[=ID]`, `huge=BYTES[@CHUNKS]`.
 */
export function parseFault(spec: string): StreamFaults {
  const m = /^(error|drop|stall|end|kms|huge)(?:=(\d+(?:\.\d+)?)(?:@(\d+))?)?$/.exec(spec.trim());
  if (!m)
    throw new Error(
      `fault '${spec}' is not one of error=ID[@CHUNKS], drop=BYTES, stall=SECONDS[@CHUNK], end=CHUNKS, kms[=ID], huge=BYTES[@CHUNKS]`,
    );
  const [, kind, value, at] = m;
  const n = value === undefined ? undefined : Number(value);
  const chunk = at === undefined ? undefined : Number(at);
  switch (kind) {
    case 'error':
      if (n === undefined || !Number.isInteger(n))
        throw new Error(`fault '${spec}': error needs an integer ERROR_ID, e.g. error=4000`);
      return { errorId: n, errorAfterChunks: chunk ?? 0 };
    case 'drop':
      if (n === undefined || !Number.isInteger(n))
        throw new Error(`fault '${spec}': drop needs a byte count, e.g. drop=5000`);
      return { dropAfterBytes: n };
    case 'end':
      if (n === undefined || !Number.isInteger(n))
        throw new Error(`fault '${spec}': end needs a chunk count, e.g. end=3`);
      return { endAfterChunks: n };
    case 'huge':
      if (n === undefined || !Number.isInteger(n) || n < 1)
        throw new Error(`fault '${spec}': huge needs the Cluster's size in bytes, e.g. huge=536870912`);
      return { hugeClusterBytes: n, hugeClusterAfterChunks: chunk ?? 0 };
    case 'stall':
      if (n === undefined) throw new Error(`fault '${spec}': stall needs seconds, e.g. stall=3`);
      return { stallSeconds: n, stallBeforeChunk: chunk ?? 1 };
    default: {
      const id = n ?? 4500;
      if (id < 4500 || id > 4506) throw new Error(`fault '${spec}': a KMS error id is 4500-4506`);
      return { kmsErrorId: id };
    }
  }
}

export class FaultRegistry {
  private readonly byStream = new Map<string, StreamFaults>();

  /** Adds to the stream's faults (several kinds can be active together). */
  inject(streamName: string, faults: StreamFaults): void {
    this.byStream.set(streamName, { ...this.byStream.get(streamName), ...faults });
  }

  clear(streamName: string): void {
    this.byStream.delete(streamName);
  }

  get(streamName: string): StreamFaults {
    return this.byStream.get(streamName) ?? {};
  }
}

/** The control-plane calls an operation fault can answer for (the explorer's ListStreams, DescribeStream, GetDataEndpoint and the rest). */
export const CONTROL_PLANE_OPERATIONS = [
  'ListStreams',
  'DescribeStream',
  'GetDataEndpoint',
  'CreateStream',
  'DeleteStream',
] as const;
export type ControlPlaneOperation = (typeof CONTROL_PLANE_OPERATIONS)[number];

export const isControlPlaneOperation = (name: string): name is ControlPlaneOperation =>
  (CONTROL_PLANE_OPERATIONS as readonly string[]).includes(name);

/**
 * A fault for every caller of one operation: `throttle` answers 400 ClientLimitExceededException (what the
 * service's model lists for these calls), `access-denied` answers 403 AccessDeniedException with IAM's
 * "is not authorized to perform" message (what the service sends for an IAM denial, not the modeled 401s).
 */
export interface OperationFault {
  kind: 'throttle' | 'access-denied';
  /** Answer this many calls with the fault, then serve normally again; absent: every call until cleared. */
  count?: number;
}

const OPERATION_FAULT = /^(throttle|access-denied)(?:=(\d+))?$/;

export const isOperationFaultSpec = (spec: string): boolean => /^(throttle|access-denied)\b/.test(spec.trim());

/** `throttle[=COUNT]` or `access-denied[=COUNT]`, as --fault OPERATION:SPEC and the admin call take them. */
export function parseOperationFault(spec: string): OperationFault {
  const m = OPERATION_FAULT.exec(spec.trim());
  if (!m) throw new Error(`fault '${spec}' is not one of throttle[=COUNT], access-denied[=COUNT]`);
  const kind = m[1] === 'throttle' ? 'throttle' : 'access-denied';
  if (m[2] === undefined) return { kind };
  const count = Number(m[2]);
  if (count < 1) throw new Error(`fault '${spec}': COUNT is the number of calls to fail, at least 1`);
  return { kind, count };
}

export class OperationFaultRegistry {
  private readonly byOperation = new Map<ControlPlaneOperation, OperationFault>();

  /** Replaces the operation's fault (one at a time: a call can fail only one way). */
  inject(operation: ControlPlaneOperation, fault: OperationFault): void {
    this.byOperation.set(operation, { ...fault });
  }

  clear(operation?: ControlPlaneOperation): void {
    if (operation) this.byOperation.delete(operation);
    else this.byOperation.clear();
  }

  /** Uses up one call of the operation's fault: the fault to answer this call with, or undefined to serve it. */
  take(operation: ControlPlaneOperation): OperationFault | undefined {
    const fault = this.byOperation.get(operation);
    if (!fault) return undefined;
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.byOperation.delete(operation);
    }
    return fault;
  }
}
