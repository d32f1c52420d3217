import { compileFilter, FilterError } from '../src/core/filter';
import type { ChunkRecord, ColorRule } from '../src/protocol';

export type Predicate = (r: ChunkRecord) => boolean;

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/** Compiles the filter box's text; an error is shown under the toolbar with the offending characters marked. */
export class FilterStatus {
  readonly errorLine = make('div', 'filter-error');
  readonly recent = make('select', 'recent-filters');

  constructor(choose: (text: string) => void) {
    this.errorLine.hidden = true;
    this.errorLine.setAttribute('role', 'alert');
    this.recent.setAttribute('aria-label', 'Recent filters');
    this.recent.addEventListener('change', () => {
      if (this.recent.value !== '') choose(this.recent.value);
      this.recent.value = '';
    });
    this.setRecent([]);
  }

  /** The predicate for `text` ('' is no filter), or undefined when it does not parse (the error is shown). */
  compile(text: string): Predicate | null | undefined {
    if (text.trim() === '') {
      this.showError(null, text);
      return null;
    }
    try {
      const predicate = compileFilter(text);
      this.showError(null, text);
      return predicate;
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      this.showError(e, text);
      return undefined;
    }
  }

  setRecent(filters: readonly string[]): void {
    const options = [make('option', '', filters.length ? 'Recent filters…' : 'No recent filters')];
    options[0].value = '';
    for (const f of filters) {
      const option = make('option', '', f.length > 80 ? `${f.slice(0, 80)}…` : f);
      option.value = f;
      options.push(option);
    }
    this.recent.replaceChildren(...options);
    this.recent.disabled = filters.length === 0;
  }

  private showError(error: FilterError | null, text: string): void {
    this.errorLine.hidden = error === null;
    this.errorLine.replaceChildren();
    if (!error) return;
    const end = Math.min(text.length, error.position + Math.max(1, error.length));
    const excerpt = make('code', 'filter-excerpt');
    excerpt.append(
      text.slice(0, error.position),
      make('mark', 'filter-bad', text.slice(error.position, end) || ' '),
      text.slice(end),
    );
    this.errorLine.append(
      make('span', 'filter-message', `${error.message} (at character ${error.position + 1}): `),
      excerpt,
    );
    this.errorLine.dataset.position = String(error.position);
  }
}

/** The colouring rules compiled once; a rule that does not parse is reported and skipped. */
export function compileColorRules(rules: readonly ColorRule[]): {
  rowClass: (r: ChunkRecord) => string;
  problems: string[];
} {
  const compiled: Array<{ test: Predicate; color: string }> = [];
  const problems: string[] = [];
  for (const rule of rules)
    try {
      compiled.push({ test: compileFilter(rule.filter), color: rule.color });
    } catch (e) {
      problems.push(`colour rule "${rule.filter}": ${e instanceof Error ? e.message : String(e)}`);
    }
  return {
    rowClass: (r) => {
      const hit = compiled.find((c) => c.test(r));
      return hit ? ` rule-${hit.color}` : '';
    },
    problems,
  };
}
