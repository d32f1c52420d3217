import type { ChunkRecord, ElementNode, WebviewToHost } from '../src/protocol';
import { ElementTree } from './element-tree';
import { HexView } from './hex-view';

/** The details pane's "Elements and bytes": the chunk's EBML tree and its bytes, each selecting in the other. */
export class ElementsSection {
  private readonly tree: ElementTree;
  private readonly hex: HexView;
  private readonly note = document.createElement('p');
  private record: ChunkRecord | null = null;
  private nextRequest = 1;
  private readonly wanted = new Set<number>();

  constructor(private readonly post: (message: WebviewToHost) => void) {
    this.tree = new ElementTree((node) => this.hex.select(node.offset, end(node, this.record)));
    this.hex = new HexView({
      requestPage: (offset, length) => {
        const requestId = this.nextRequest++;
        this.wanted.add(requestId);
        this.post({ type: 'bytesRequest', requestId, index: this.record?.index ?? 0, offset, length });
      },
      byteClicked: (offset) => this.tree.selectByte(offset),
    });
    this.note.className = 'muted elements-note';
  }

  /** Adds the section for `r` to the details pane (elements are asked for on demand). */
  attach(container: HTMLElement, r: ChunkRecord): void {
    this.record = r;
    const section = document.createElement('section');
    section.className = 'elements';
    const title = document.createElement('h4');
    title.textContent = 'Elements and bytes';
    const button = document.createElement('vscode-button');
    button.className = 'show-elements';
    button.setAttribute('secondary', '');
    button.textContent = 'Show elements and bytes';
    button.addEventListener('click', () => {
      button.remove();
      this.note.textContent = 'Reading the elements…';
      section.append(this.note);
      this.post({ type: 'elementsRequest', index: r.index });
    });
    section.append(title, button);
    container.append(section);
  }

  receiveElements(index: number, elements: ElementNode[], note: string | null): void {
    const r = this.record;
    if (!r || r.index !== index) return;
    const section = this.note.parentElement;
    if (!section) return;
    this.note.textContent =
      note ??
      `${elements.length.toLocaleString('en-US')} elements; click one to see its bytes, or a byte to find its element.`;
    if (elements.length === 0) return;
    this.tree.show(elements);
    section.append(this.tree.root, this.hex.root);
    this.hex.show(r.byteOffset, r.byteLength);
  }

  receiveBytes(requestId: number, offset: number, hex: string): void {
    if (!this.wanted.delete(requestId)) return;
    this.hex.receive(offset, hex);
  }
}

function end(node: ElementNode, r: ChunkRecord | null): number {
  if (node.size !== null) return node.offset + node.headerSize + node.size;
  return r ? r.byteOffset + r.byteLength : node.offset + node.headerSize;
}
