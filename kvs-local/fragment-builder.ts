import { Id } from '../src/core/ebml/ids';
import { concat } from '../src/core/ebml/writer';
import { childElements, readUint } from './ebml-bytes';
import { clusterFacts, type ClusterFacts } from './cluster';
import type { StoredFragment } from './fragment';
import type { SplitEvent } from './mkv-splitter';
import { splitTags } from './tags';

/** Turns split Matroska elements into fragment drafts: one per Cluster, with the Info/Tracks/Tags in force. */

export interface FragmentDraft {
  /** Info, Tracks and the producer's Tags that precede this cluster. */
  head: Uint8Array;
  cluster: Uint8Array;
  /** What followed the cluster inside the same GetMedia-shaped chunk (Cues, producer Tags). */
  tail: Uint8Array;
  facts: ClusterFacts;
  /** Nanoseconds per Timecode unit. */
  timecodeScale: number;
  /** AWS tags that preceded the cluster (FRAGMENT_NUMBER, SERVER_TIMESTAMP, PRODUCER_TIMESTAMP), when it came from GetMedia output. */
  aws: Map<string, string>;
}

const DEFAULT_SCALE = 1_000_000;
const FRAGMENT_TAGS = new Set(['FRAGMENT_NUMBER', 'SERVER_TIMESTAMP', 'PRODUCER_TIMESTAMP']);

function timecodeScaleOf(info: Uint8Array): number {
  const [outer] = childElements(info);
  const scale = childElements(info, outer.dataStart, outer.end).find((c) => c.id === Id.TimecodeScale);
  return scale ? readUint(info, scale.dataStart, scale.end) || DEFAULT_SCALE : DEFAULT_SCALE;
}

/**
 * A cluster's draft is complete when the next Cluster, EBML header or Segment begins, an END_OF_FRAGMENT tag
 * arrives, or the input ends; what came between its Cluster and that point (Cues, producer Tags) is its tail.
 */
export class FragmentBuilder {
  private info: Uint8Array | null = null;
  private tracks: Uint8Array | null = null;
  private timecodeScale = DEFAULT_SCALE;
  private between: Uint8Array[] = [];
  private aws = new Map<string, string>();
  private pending: Omit<FragmentDraft, 'tail'> | null = null;

  /** Nanoseconds per Timecode unit in force now. */
  get scale(): number {
    return this.timecodeScale;
  }

  /** Returns the drafts this event completed. Throws RangeError for an element that is not valid EBML inside. */
  accept(event: SplitEvent): FragmentDraft[] {
    if (event.kind === 'cluster-start') return this.finish();
    if (event.kind !== 'element') {
      const done = this.finish();
      this.between = [];
      if (event.kind === 'ebml-header') this.aws = new Map();
      return done;
    }
    switch (event.id) {
      case Id.Info:
        this.info = event.bytes;
        this.timecodeScale = timecodeScaleOf(event.bytes);
        return [];
      case Id.Tracks:
        this.tracks = event.bytes;
        return [];
      case Id.Tags: {
        const split = splitTags(event.bytes);
        if (split.producerTags) this.between.push(split.producerTags);
        for (const [name, value] of split.aws) if (FRAGMENT_TAGS.has(name)) this.aws.set(name, value);
        // The C++ producer marks a fragment's end with this tag instead of waiting for the next cluster.
        return split.aws.has('END_OF_FRAGMENT') ? this.finish() : [];
      }
      case Id.Cluster: {
        const done = this.pending ? [{ ...this.pending, tail: new Uint8Array(0) }] : [];
        const head = concat([this.info ?? new Uint8Array(0), this.tracks ?? new Uint8Array(0), ...this.between]);
        this.pending = {
          head,
          cluster: event.bytes,
          facts: clusterFacts(event.bytes),
          timecodeScale: this.timecodeScale,
          aws: this.aws,
        };
        this.between = [];
        this.aws = new Map();
        return done;
      }
      case Id.Cues:
      case Id.Chapters:
      case Id.Attachments:
        this.between.push(event.bytes);
        return [];
      default:
        return [];
    }
  }

  /** The input (or the current chunk) ended: the open draft is complete, with what followed its cluster. */
  finish(): FragmentDraft[] {
    // Without an open cluster, what was collected leads the next cluster instead.
    if (!this.pending) return [];
    const draft = { ...this.pending, tail: concat(this.between) };
    this.pending = null;
    this.between = [];
    return [draft];
  }
}

/** Cluster-relative units to milliseconds. */
export const unitsToMs = (units: number, timecodeScale: number): number => (units * timecodeScale) / 1_000_000;

/** What a draft is stored as: its number and times, its duration from its frames unless given, its own bytes. */
export function toStoredFragment(
  draft: FragmentDraft,
  at: Pick<StoredFragment, 'number' | 'serverTimestampMs' | 'producerTimestampMs'> &
    Partial<Pick<StoredFragment, 'durationMs' | 'cluster'>>,
): StoredFragment {
  return {
    number: at.number,
    serverTimestampMs: at.serverTimestampMs,
    producerTimestampMs: at.producerTimestampMs,
    durationMs: at.durationMs ?? Math.round(unitsToMs(draft.facts.spanUnits, draft.timecodeScale)),
    frames: draft.facts.frames,
    head: draft.head,
    cluster: at.cluster ?? draft.cluster,
    tail: draft.tail,
  };
}
