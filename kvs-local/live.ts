import { withTimecode } from './cluster';
import { toStoredFragment, unitsToMs, type FragmentDraft } from './fragment-builder';
import { readMatroskaFile, splitMatroska } from './seed';
import type { StreamStore } from './stream-store';

/**
 * --live NAME=FILE: a producer in real time. FILE's clusters are put one after another, looping forever, each
 * stamped with the current time (server and producer timestamps, Cluster Timecode as absolute epoch ms), each
 * after the previous one's duration has passed, so NOW and MILLIS_BEHIND_NOW mean something.
 */

const FALLBACK_SPACING_MS = 1000;
const MIN_SPACING_MS = 100;

/** How long each draft lasts before the next: the gap to the next cluster when it is sane, else its own span. */
function spacings(drafts: readonly FragmentDraft[]): number[] {
  return drafts.map((d, i) => {
    const next = drafts[i + 1];
    const gap = next ? unitsToMs(next.facts.timecode - d.facts.timecode, d.timecodeScale) : 0;
    const span = unitsToMs(d.facts.spanUnits, d.timecodeScale);
    const ms =
      gap > 0 && gap < 60_000 ? gap : span > 0 ? span + span / Math.max(1, d.facts.frames - 1) : FALLBACK_SPACING_MS;
    return Math.max(MIN_SPACING_MS, Math.round(ms));
  });
}

export interface LiveProducer {
  stop(): void;
}

export async function startLiveProducer(
  store: StreamStore,
  name: string,
  file: string,
  log: (line: string) => void,
): Promise<LiveProducer> {
  const drafts = splitMatroska(await readMatroskaFile(file, `loop into ${name}`), file);
  if (drafts.length === 0) throw new Error(`${file}: no clusters to loop`);
  const gaps = spacings(drafts);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let i = 0;
  const putNext = (): void => {
    if (stopped) return;
    const stream = store.get(name) ?? store.create({ name });
    const draft = drafts[i % drafts.length];
    const now = Date.now();
    const last = stream.fragments.at(-1);
    const serverTimestampMs = Math.max(now, (last?.serverTimestampMs ?? 0) + 1);
    const timecode = Math.round((serverTimestampMs * 1_000_000) / draft.timecodeScale);
    const fragment = toStoredFragment(draft, {
      number: store.nextNumber(stream),
      serverTimestampMs,
      producerTimestampMs: serverTimestampMs,
      cluster: withTimecode(draft.cluster, timecode),
    });
    try {
      store.append(stream, fragment);
    } catch (e) {
      log(
        `kvs-local: live producer for ${name} failed to store a fragment: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    timer = setTimeout(putNext, gaps[i % drafts.length]);
    i++;
  };
  putNext();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
