import type { ChunkRecord } from '../getmedia/record';
import type { CompareOp, FilterNode, FilterValue, Literal, Operand } from './ast';
import { findField, searchText, tagValue } from './fields';
import { parseFilter } from './parser';
import { MAX_SUBJECT_LENGTH } from './regex-guard';

export type RecordPredicate = (r: ChunkRecord) => boolean;

/** Parses once; the predicate then runs per row. Throws FilterError (with a position) for a bad expression. */
export function compileFilter(source: string): RecordPredicate {
  const tree = parseFilter(source);
  return (r) => evaluate(tree, r);
}

function evaluate(node: FilterNode, r: ChunkRecord): boolean {
  switch (node.kind) {
    case 'or':
      return evaluate(node.left, r) || evaluate(node.right, r);
    case 'and':
      return evaluate(node.left, r) && evaluate(node.right, r);
    case 'not':
      return !evaluate(node.operand, r);
    case 'truthy':
      return truthy(valueOf(node.field, r));
    case 'compare':
      return compare(valueOf(node.left, r), node.op, valueOf(node.right, r), node.right);
    case 'match': {
      const value = valueOf(node.subject, r);
      if (value === null) return node.negate;
      return node.regex.test(String(value).slice(0, MAX_SUBJECT_LENGTH)) !== node.negate;
    }
    case 'in': {
      const value = valueOf(node.subject, r);
      return node.values.some((v) => compare(value, '==', v.value, v));
    }
    case 'search': {
      const needle = node.text.toLowerCase();
      return searchText(r).some((t) => t.toLowerCase().includes(needle));
    }
  }
}

function valueOf(operand: Operand, r: ChunkRecord): FilterValue {
  if (operand.kind === 'literal') return operand.value;
  if (operand.tag !== undefined) return tagValue(r, operand.tag);
  return findField(operand.name)?.get(r) ?? null;
}

function truthy(v: FilterValue): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

/** Null compares equal only to null and orders with nothing; a number and a numeric text compare as numbers. */
function compare(a: FilterValue, op: CompareOp, b: FilterValue, literal?: Operand): boolean {
  if (a === null || b === null) {
    if (op === '==') return a === b;
    if (op === '!=') return a !== b;
    return false;
  }
  const order = ordering(a, b, literal);
  if (order === null) return op === '!=';
  switch (op) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

const INTEGER = /^-?\d+$/;

function ordering(a: string | number | boolean, b: string | number | boolean, literal?: Operand): number | null {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : null;
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  // Fragment numbers and tokens are ~47-digit texts: integers compare exactly as BigInt, by the literal as typed.
  const bText = typeof b === 'number' && literal?.kind === 'literal' ? (literal as Literal).text : String(b);
  const aText = String(a);
  if (INTEGER.test(aText) && INTEGER.test(bText)) {
    const x = BigInt(aText);
    const y = BigInt(bText);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a);
    const y = Number(b);
    return Number.isNaN(x) || Number.isNaN(y) || aText.trim() === '' || bText.trim() === '' ? null : Math.sign(x - y);
  }
  return aText === bText ? 0 : aText < bText ? -1 : 1;
}
