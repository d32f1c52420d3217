import type { ChunkRecord } from '../core/getmedia/record';
import type { HostToWebview } from '../protocol';
import type { HeldChunks } from './held-chunks';

/** One fragment's chunk bytes, or a rejection whose message says why not. */
export type FetchFragment = (fragmentNumber: string, signal: AbortSignal) => Promise<Uint8Array>;

/** What a fetch came to: its bytes are held (send the elements), a message to post, or nothing (superseded). */
type FetchOutcome = 'held' | HostToWebview | null;

/**
 * "Fetch again" for a live or fragment-list inspector: one fetch at a time, of the fragment number the feed gave
 * that row (never the webview's word alone), its bytes held in the inspector's window of chunks.
 */
export class ChunkRefetcher {
  private fetching: { controller: AbortController; index: number; fragmentNumber: string } | null = null;
  /** Each chunk's fragment number as the feed gave it, bounded like the rows: the oldest go first. */
  private readonly fragmentNumbers = new Map<number, string>();

  constructor(
    private readonly held: HeldChunks,
    private readonly fetchFragment: FetchFragment,
    private readonly rowCap: number,
    private readonly log: (line: string) => void,
  ) {}

  remember(records: readonly ChunkRecord[]): void {
    for (const r of records) {
      if (r.fragmentNumber === null) continue;
      this.fragmentNumbers.set(r.index, r.fragmentNumber);
      if (this.fragmentNumbers.size > Math.max(this.rowCap, 1000))
        this.fragmentNumbers.delete(this.fragmentNumbers.keys().next().value as number);
    }
  }

  async fetch(index: number, fragmentNumber: string): Promise<FetchOutcome> {
    if (this.fragmentNumbers.get(index) !== fragmentNumber)
      return this.failed(index, `Chunk ${index} is not a row with fragment ${fragmentNumber}: nothing was fetched.`);
    // The same row asked again while its fetch runs: that fetch answers for both.
    if (this.fetching?.index === index && this.fetching.fragmentNumber === fragmentNumber) return null;
    this.fetching?.controller.abort();
    const controller = new AbortController();
    this.fetching = { controller, index, fragmentNumber };
    try {
      const bytes = await this.fetchFragment(fragmentNumber, controller.signal);
      if (controller.signal.aborted) return null;
      this.held.addFetched(index, bytes, Date.now());
      this.log(`Fetched fragment ${fragmentNumber} (chunk ${index}) again: ${bytes.length} bytes`);
      return 'held';
    } catch (e) {
      // Superseded by another row's fetch, or the panel closed: nobody waits for this answer.
      if (controller.signal.aborted) return null;
      const why = e instanceof Error ? e.message : String(e);
      this.log(`Could not fetch fragment ${fragmentNumber} (chunk ${index}) again: ${why}`);
      return this.failed(index, why);
    } finally {
      if (this.fetching?.controller === controller) this.fetching = null;
    }
  }

  dispose(): void {
    this.fetching?.controller.abort();
    this.fragmentNumbers.clear();
  }

  private failed(index: number, why: string): HostToWebview {
    const note = this.held.notHeld;
    return { type: 'elements', index, canFetch: true, elements: [], note, notHeld: true, fetchError: why };
  }
}
