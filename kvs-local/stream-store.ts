import { EventEmitter } from 'node:events';
import { nextFragmentNumber, type StoredFragment } from './fragment';

/** Streams and their fragments in memory; persistence (when asked) listens to the same events. */

export interface StreamRecord {
  name: string;
  arn: string;
  version: string;
  status: 'ACTIVE';
  creationTimeMs: number;
  dataRetentionInHours: number;
  mediaType: string | null;
  kmsKeyId: string;
  deviceName: string | null;
  fragments: StoredFragment[];
  /** Emits 'fragment' (StoredFragment) and 'deleted'. */
  events: EventEmitter;
}

export interface CreateStreamInput {
  name: string;
  creationTimeMs?: number;
  dataRetentionInHours?: number;
  mediaType?: string | null;
  kmsKeyId?: string | null;
  deviceName?: string | null;
  version?: string;
  /** Restoring from disk: no 'created' event. */
  silent?: boolean;
}

const DEFAULT_KMS_KEY = 'arn:aws:kms:us-east-1:000000000000:alias/aws/kinesisvideo';

export class StreamStore {
  private readonly byName = new Map<string, StreamRecord>();
  private readonly byArnIndex = new Map<string, StreamRecord>();
  /** 'created' (StreamRecord), 'deleted' (StreamRecord), 'fragment' (StreamRecord, StoredFragment). */
  readonly events = new EventEmitter();
  private lastCreation = 0;

  /**
   * @param defaultRetentionHours what streams made by seeding, --live or --streams retain (CreateStream passes the
   * caller's value, 0 when absent, as the service does).
   */
  constructor(
    readonly region: string,
    readonly accountId: string,
    readonly defaultRetentionHours = 24,
  ) {
    this.events.setMaxListeners(0);
  }

  get(name: string): StreamRecord | undefined {
    return this.byName.get(name);
  }

  byArn(arn: string): StreamRecord | undefined {
    return this.byArnIndex.get(arn);
  }

  /** Every stream, sorted by name (the order ListStreams pages in). */
  list(): StreamRecord[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get size(): number {
    return this.byName.size;
  }

  create(input: CreateStreamInput): StreamRecord {
    // Distinct creation times keep ARNs (which end in the creation time) and fragment numbers distinct.
    const creationTimeMs = input.creationTimeMs ?? Math.max(Date.now(), this.lastCreation + 1);
    this.lastCreation = Math.max(this.lastCreation, creationTimeMs);
    const stream: StreamRecord = {
      name: input.name,
      arn: `arn:aws:kinesisvideo:${this.region}:${this.accountId}:stream/${input.name}/${creationTimeMs}`,
      version: input.version ?? creationTimeMs.toString(36).toUpperCase().padStart(20, '0').slice(-20),
      status: 'ACTIVE',
      creationTimeMs,
      dataRetentionInHours: input.dataRetentionInHours ?? this.defaultRetentionHours,
      mediaType: input.mediaType ?? null,
      kmsKeyId: input.kmsKeyId ?? DEFAULT_KMS_KEY,
      deviceName: input.deviceName ?? null,
      fragments: [],
      events: new EventEmitter(),
    };
    stream.events.setMaxListeners(0);
    this.byName.set(stream.name, stream);
    this.byArnIndex.set(stream.arn, stream);
    if (!input.silent) this.events.emit('created', stream);
    return stream;
  }

  delete(stream: StreamRecord): void {
    if (this.byName.get(stream.name) !== stream) return;
    this.byName.delete(stream.name);
    this.byArnIndex.delete(stream.arn);
    this.events.emit('deleted', stream);
    stream.events.emit('deleted');
  }

  /** The number the next fragment of this stream gets. */
  nextNumber(stream: StreamRecord): string {
    const last = stream.fragments.at(-1);
    return nextFragmentNumber(last ? last.number : null, stream.creationTimeMs);
  }

  /** Appends a complete fragment (persisted first by whoever listens to 'fragment' synchronously), then tells readers. */
  append(stream: StreamRecord, fragment: StoredFragment): void {
    this.events.emit('fragment', stream, fragment);
    stream.fragments.push(fragment);
    stream.events.emit('fragment', fragment);
  }

  /** Loads a fragment from disk at startup: no events. */
  restore(stream: StreamRecord, fragment: StoredFragment): void {
    stream.fragments.push(fragment);
  }
}
