import { FilterError } from './filter-error';

type TokenKind = 'number' | 'string' | 'word' | 'op' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  /** The token's text: a string's value without quotes and escapes resolved, anything else as typed. */
  text: string;
  /** 0-based offset of the token's first character in the expression. */
  at: number;
  /** Characters the token spans in the expression (quotes and escapes included). */
  length: number;
}

/** Longest first, so `<=` is not read as `<` then `=`. */
const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '!~', '<', '>', '~', '!'] as const;
const PUNCT = '(){},';
const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_.:/-]/;
const NUMBER = /^-?\d+(\.\d+)?/;
const MAX_EXPRESSION_LENGTH = 2000;

/** Splits a filter expression into tokens; the last token is always `end`. */
export function tokenize(source: string): Token[] {
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new FilterError(`the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = NUMBER.exec(source.slice(i, i + 64));
    if (number && (c !== '-' || !endsOperand(tokens))) {
      tokens.push({ kind: 'number', text: number[0], at: i, length: number[0].length });
      i += number[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const token = readString(source, i);
      tokens.push(token);
      i += token.length;
      continue;
    }
    if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < source.length && WORD_PART.test(source[end])) end++;
      tokens.push({ kind: 'word', text: source.slice(i, end), at: i, length: end - i });
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, at: i, length: op.length });
      i += op.length;
      continue;
    }
    if (PUNCT.includes(c)) {
      tokens.push({ kind: 'punct', text: c, at: i, length: 1 });
      i++;
      continue;
    }
    if (c === '=') throw new FilterError('use == to compare', i, 1);
    if (c === '&' || c === '|') throw new FilterError(`use ${c}${c}`, i, 1);
    throw new FilterError(`unexpected character ${JSON.stringify(c)}`, i, 1);
  }
  tokens.push({ kind: 'end', text: '', at: source.length, length: 0 });
  return tokens;
}

/** After a value a '-' would be subtraction (not in the language); before one it starts a negative number. */
function endsOperand(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === 'number' || last.kind === 'word' || last.kind === 'string');
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" };

function readString(source: string, start: number): Token {
  const quote = source[start];
  let text = '';
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      // Unknown escapes stay as typed: a regex's `\d` reaches the regex intact.
      text += ESCAPES[next] ?? `\\${next}`;
      i += 2;
    } else text += source[i++];
  }
  if (i >= source.length) throw new FilterError(`unterminated string: no closing ${quote}`, start, 1);
  return { kind: 'string', text, at: start, length: i + 1 - start };
}
