import { FilterError } from './filter-error';

const MAX_PATTERN_LENGTH = 256;
/** A subject longer than this is matched on its first characters only (a tag value can be megabytes). */
export const MAX_SUBJECT_LENGTH = 4096;

/**
 * Compiles a `~` pattern, refusing what can backtrack exponentially (JS regexes cannot be timed out): a quantified
 * group that holds a quantifier or an alternation (`(a+)+`, `(a|a)*`), and backreferences.
 */
export function compileGuardedRegex(pattern: string, at: number, length: number): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new FilterError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`, at, length);
  const risky = riskyConstruct(pattern);
  if (risky) throw new FilterError(`pattern refused: ${risky}`, at, length);
  try {
    return new RegExp(pattern, 'u');
  } catch (e) {
    throw new FilterError(`bad pattern: ${e instanceof Error ? e.message : String(e)}`, at, length);
  }
}

function riskyConstruct(pattern: string): string | null {
  // One entry per open group: does it hold a quantifier or an alternation?
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'backreferences can take exponential time';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === '|' || isQuantifier(pattern, i)) {
      if (groups.length) groups[groups.length - 1] = true;
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      if (inner && isQuantifier(pattern, i + 1))
        return 'a repeated group that itself repeats or alternates can take exponential time; use a character class';
      if (inner && groups.length) groups[groups.length - 1] = true;
    }
  }
  return null;
}

function isQuantifier(pattern: string, i: number): boolean {
  const c = pattern[i];
  return c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
}
