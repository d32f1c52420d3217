import type { CompareOp, FilterNode, Literal, Operand } from './ast';
import { FilterError } from './filter-error';
import { FILTER_FIELDS, findField } from './fields';
import { compileGuardedRegex } from './regex-guard';
import { tokenize, type Token } from './tokens';

const COMPARE_OPS: readonly string[] = ['==', '!=', '<', '<=', '>', '>='];
const KEYWORDS: Record<string, Literal['value']> = { true: true, false: false, null: null };
const MAX_DEPTH = 64;

/**
 * Parses a filter expression to its tree, or throws a FilterError with the offending position.
 * Grammar: or := and ('||' and)* ; and := unary ('&&' unary)* ; unary := '!' unary | '(' or ')' | test ;
 * test := operand [(== != < <= > >=) operand | (~ !~) string | in '{' literal (',' literal)* '}'].
 */
export function parseFilter(source: string): FilterNode {
  return new Parser(tokenize(source)).parse();
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    if (this.peek().kind === 'end') throw new FilterError('the expression is empty', 0, 0);
    const node = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.error(rest, `unexpected ${describe(rest)}: expected && or || here`);
    return node;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.accept('op', '||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.accept('op', '&&')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterNode {
    const start = this.peek();
    if (++this.depth > MAX_DEPTH) throw this.error(start, `nested deeper than ${MAX_DEPTH} levels`);
    try {
      if (this.accept('op', '!')) return { kind: 'not', operand: this.unary() };
      if (this.accept('punct', '(')) {
        const inner = this.or();
        if (!this.accept('punct', ')')) throw this.error(this.peek(), `expected ) to close the ( at ${start.at + 1}`);
        return inner;
      }
      return this.test();
    } finally {
      this.depth--;
    }
  }

  private test(): FilterNode {
    const first = this.peek();
    const subject = this.operand(true);
    const next = this.peek();
    if (next.kind === 'op' && COMPARE_OPS.includes(next.text)) {
      this.i++;
      return { kind: 'compare', op: next.text as CompareOp, left: this.checked(subject, first), right: this.operand() };
    }
    if (next.kind === 'op' && (next.text === '~' || next.text === '!~')) {
      this.i++;
      const pattern = this.next();
      if (pattern.kind !== 'string') throw this.error(pattern, `expected a "quoted" pattern after ${next.text}`);
      const regex = compileGuardedRegex(pattern.text, pattern.at, pattern.length);
      return { kind: 'match', subject: this.checked(subject, first), regex, negate: next.text === '!~' };
    }
    if (next.kind === 'word' && next.text === 'in') {
      this.i++;
      return { kind: 'in', subject: this.checked(subject, first), values: this.set() };
    }
    if (subject.kind === 'field') return { kind: 'truthy', field: subject };
    if (first.kind === 'word' && !(first.text in KEYWORDS)) return { kind: 'search', text: first.text };
    if (first.kind === 'string' || first.kind === 'number') return { kind: 'search', text: first.text };
    throw this.error(first, `${first.text} alone is not a test: compare it with something`);
  }

  /** A field, a tag or a literal. A word that names nothing is an error unless `standalone` (then a search). */
  private operand(standalone = false): Operand {
    const t = this.next();
    if (t.kind === 'number') return { kind: 'literal', value: Number(t.text), text: t.text, at: t.at };
    if (t.kind === 'string') return { kind: 'literal', value: t.text, text: t.text, at: t.at };
    if (t.kind !== 'word') throw this.error(t, `expected a field, a number or a "string", found ${describe(t)}`);
    if (t.text in KEYWORDS) return { kind: 'literal', value: KEYWORDS[t.text], text: t.text, at: t.at };
    const tag = /^tags?\.(.+)$/i.exec(t.text);
    if (tag) return { kind: 'field', name: 'tag', tag: tag[1], at: t.at };
    const field = findField(t.text);
    if (field) return { kind: 'field', name: field.name, at: t.at };
    if (standalone) return { kind: 'literal', value: t.text, text: t.text, at: t.at };
    throw this.unknownField(t);
  }

  /** The left side of a comparison must be a known field or a literal, never a search word. */
  private checked(subject: Operand, token: Token): Operand {
    if (subject.kind === 'literal' && token.kind === 'word' && !(token.text in KEYWORDS))
      throw this.unknownField(token);
    return subject;
  }

  private set(): Literal[] {
    const open = this.next();
    if (open.kind !== 'punct' || open.text !== '{') throw this.error(open, 'expected { after in');
    const values: Literal[] = [];
    do {
      const item = this.operand();
      if (item.kind !== 'literal') throw this.error(this.tokens[this.i - 1], 'a set holds numbers and strings only');
      values.push(item);
    } while (this.accept('punct', ','));
    if (!this.accept('punct', '}')) throw this.error(this.peek(), 'expected , or } in the set');
    return values;
  }

  private unknownField(t: Token): FilterError {
    const names = FILTER_FIELDS.map((f) => f.name).join(', ');
    return this.error(t, `unknown field ${t.text}: fields are ${names}, tag.NAME`);
  }

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') this.i++;
    return t;
  }
  private accept(kind: Token['kind'], text: string): boolean {
    const t = this.peek();
    if (t.kind !== kind || t.text !== text) return false;
    this.i++;
    return true;
  }
  private error(t: Token, message: string): FilterError {
    return new FilterError(message, t.at, Math.max(1, t.length));
  }
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'the end of the expression' : JSON.stringify(t.text);
}
