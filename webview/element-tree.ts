import type { ElementNode } from '../src/protocol';
import { formatCount, visibleText } from './format';

/** Names the tree shows where the Matroska id name reads poorly. */
const SHOWN_NAMES: Record<string, string> = { CRC32: 'CRC-32', EBML: 'EBML header' };

/** A chunk's EBML elements as a tree: children rendered only when their parent is expanded. */
export class ElementTree {
  readonly root = document.createElement('div');
  private nodes: ElementNode[] = [];
  private parents: number[] = [];
  private readonly expanded = new Set<number>();
  private selected: number | null = null;

  constructor(private readonly onSelect: (node: ElementNode) => void) {
    this.root.className = 'element-tree';
    this.root.setAttribute('role', 'tree');
    this.root.setAttribute('aria-label', 'EBML elements');
    this.root.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-node]');
      if (!row) return;
      const i = Number(row.dataset.node);
      if ((e.target as HTMLElement).classList.contains('twisty')) this.toggle(i);
      else this.select(i);
    });
  }

  show(nodes: ElementNode[]): void {
    this.nodes = nodes;
    this.parents = parentsOf(nodes);
    this.expanded.clear();
    this.selected = null;
    // Top-level elements start open one level, so the Segment's children show.
    nodes.forEach((n, i) => n.depth === 0 && this.expanded.add(i));
    this.render();
  }

  /** Selects the deepest element holding byte `offset` (a click in the hex view). */
  selectByte(offset: number): void {
    let best: number | null = null;
    this.nodes.forEach((n, i) => {
      const end = n.size === null ? Infinity : n.offset + n.headerSize + n.size;
      if (offset >= n.offset && offset < end && (best === null || n.depth >= this.nodes[best].depth)) best = i;
    });
    if (best === null) return;
    for (let p = this.parents[best]; p >= 0; p = this.parents[p]) this.expanded.add(p);
    this.select(best, false);
    this.root.querySelector('.el-row.selected')?.scrollIntoView({ block: 'nearest' });
  }

  private toggle(i: number): void {
    if (this.expanded.has(i)) this.expanded.delete(i);
    else this.expanded.add(i);
    this.render();
  }

  private select(i: number, notify = true): void {
    this.selected = i;
    this.render();
    if (notify) this.onSelect(this.nodes[i]);
  }

  private visible(i: number): boolean {
    for (let p = this.parents[i]; p >= 0; p = this.parents[p]) if (!this.expanded.has(p)) return false;
    return true;
  }

  private render(): void {
    const rows: HTMLElement[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      if (!this.visible(i)) {
        // Skip a collapsed subtree whole: its elements follow it in file order, deeper.
        continue;
      }
      rows.push(this.row(i));
    }
    this.root.replaceChildren(...rows);
  }

  private row(i: number): HTMLElement {
    const n = this.nodes[i];
    const hasChildren = this.nodes[i + 1]?.depth === n.depth + 1;
    const row = document.createElement('div');
    row.className = `el-row${i === this.selected ? ' selected' : ''}`;
    row.dataset.node = String(i);
    row.setAttribute('role', 'treeitem');
    row.style.paddingLeft = `${n.depth * 12}px`;
    const twisty = document.createElement('span');
    twisty.className = 'twisty';
    twisty.textContent = hasChildren ? (this.expanded.has(i) ? '▾' : '▸') : ' ';
    if (hasChildren) row.setAttribute('aria-expanded', String(this.expanded.has(i)));
    const name = document.createElement('span');
    name.className = `el-name${n.name === null ? ' unknown' : ''}`;
    name.textContent = n.name === null ? `unknown ${n.id}` : (SHOWN_NAMES[n.name] ?? n.name);
    const facts = document.createElement('span');
    facts.className = 'el-facts';
    facts.textContent = ` ${n.id} @${formatCount(n.offset)} header ${n.headerSize} size ${n.size === null ? 'unknown' : formatCount(n.size)}${n.value === null ? '' : ` = ${visibleText(n.value, 200)}`}`;
    row.append(twisty, name, facts);
    return row;
  }
}

/** The index of each node's parent (-1 at the top), from the depths in file order. */
function parentsOf(nodes: readonly ElementNode[]): number[] {
  const stack: number[] = [];
  return nodes.map((n, i) => {
    stack.length = n.depth;
    const parent = n.depth > 0 ? (stack[n.depth - 1] ?? -1) : -1;
    stack[n.depth] = i;
    return parent;
  });
}
