import type { ChunkRecord, ElementNode, HostToWebview, WebviewToHost } from '../src/protocol';
import { button, el } from './dom';
import { ElementTree } from './element-tree';
import { HexView } from './hex-view';

type ElementsMessage = Extract<HostToWebview, { type: 'elements' }>;
interface ByteRange {
  offset: number;
  length: number;
}

/** The details pane's "Elements and bytes": the chunk's EBML tree and its bytes, each selecting in the other. */
export class ElementsSection {
  private readonly tree: ElementTree;
  private readonly hex: HexView;
  private readonly note = document.createElement('p');
  /** "Fetch again" and what came of it, while the bytes are not held. */
  private readonly fetchArea = el('div', 'fetch-again');
  private record: ChunkRecord | null = null;
  /** The bytes the tree and the hex pane show: the row's chunk, or its bytes fetched again. */
  private range: ByteRange | null = null;
  private nextRequest = 1;
  private readonly wanted = new Set<number>();

  constructor(private readonly post: (message: WebviewToHost) => void) {
    this.tree = new ElementTree((node) => this.hex.select(node.offset, this.end(node)));
    this.hex = new HexView({
      requestPage: (offset, length) => {
        const requestId = this.nextRequest++;
        this.wanted.add(requestId);
        this.post({ type: 'bytesRequest', requestId, index: this.record?.index ?? 0, offset, length });
      },
      byteClicked: (offset) => this.tree.selectByte(offset),
    });
    this.note.className = 'muted elements-note';
    // Reading, fetching and their outcome are announced as they change.
    this.note.setAttribute('aria-live', 'polite');
  }

  /** Adds the section for `r` to the details pane (elements are asked for on demand). */
  attach(container: HTMLElement, r: ChunkRecord): void {
    this.record = r;
    this.range = null;
    this.fetchArea.replaceChildren();
    const section = document.createElement('section');
    section.className = 'elements';
    const title = document.createElement('h4');
    title.textContent = 'Elements and bytes';
    const show = button(
      'Show elements and bytes',
      () => {
        show.remove();
        this.note.textContent = 'Reading the elements…';
        section.append(this.note);
        this.post({ type: 'elementsRequest', index: r.index });
      },
      { secondary: true },
    );
    show.className = 'show-elements';
    section.append(title, show);
    container.append(section);
  }

  receiveElements(message: ElementsMessage): void {
    const r = this.record;
    if (!r || r.index !== message.index) return;
    const section = this.note.parentElement;
    if (!section) return;
    this.fetchArea.replaceChildren();
    if (message.notHeld) {
      this.offerFetch(section, r, message);
      return;
    }
    const { elements } = message;
    this.note.textContent =
      message.note ??
      `${elements.length.toLocaleString('en-US')} elements; click one to see its bytes, or a byte to find its element.`;
    this.fetchArea.remove();
    if (elements.length === 0) return;
    this.range = message.range ?? { offset: r.byteOffset, length: r.byteLength };
    this.tree.show(elements);
    section.append(this.tree.root, this.hex.root);
    // Pages asked for an earlier view are not this one's (a fetched chunk's offsets start at 0 too).
    this.wanted.clear();
    this.hex.show(this.range.offset, this.range.length);
  }

  receiveBytes(requestId: number, offset: number, hex: string): void {
    if (!this.wanted.delete(requestId)) return;
    this.hex.receive(offset, hex);
  }

  /** Bytes not held: why, and "Fetch again" when the host can and the row names a fragment. */
  private offerFetch(section: HTMLElement, r: ChunkRecord, message: ElementsMessage): void {
    this.note.textContent = message.note ?? 'Bytes no longer held.';
    section.append(this.fetchArea);
    if (!message.canFetch) return;
    const fragmentNumber = r.fragmentNumber;
    if (fragmentNumber === null || r.errorId !== null) {
      const why =
        fragmentNumber === null
          ? 'This row has no fragment number (an in-band error chunk names none), so it cannot be fetched again.'
          : `This row is in-band error ${r.errorId}: the service sent it instead of fragment ${fragmentNumber}, so fetching it again gives the same error.`;
      this.fetchArea.append(el('p', 'muted', why));
      return;
    }
    if (message.fetchError) {
      const failed = el('div', 'error-box fetch-error', `Could not fetch it again: ${message.fetchError}`);
      failed.setAttribute('role', 'alert');
      this.fetchArea.append(failed);
    }
    const fetch = button('Fetch again', () => {
      fetch.remove();
      this.fetchArea.replaceChildren();
      this.note.textContent = `Fetching fragment ${fragmentNumber} again with GetMediaForFragmentList…`;
      this.post({ type: 'fetchChunk', index: r.index, fragmentNumber });
    });
    fetch.className = 'fetch-chunk';
    fetch.title = `GetMediaForFragmentList of fragment ${fragmentNumber} (the stream must still retain it)`;
    this.fetchArea.append(fetch);
  }

  private end(node: ElementNode): number {
    if (node.size !== null) return node.offset + node.headerSize + node.size;
    return this.range ? this.range.offset + this.range.length : node.offset + node.headerSize;
  }
}
