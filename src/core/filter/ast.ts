/** A value a field or literal can take. */
export type FilterValue = string | number | boolean | null;

interface FieldRef {
  kind: 'field';
  /** A row field (`behind`), or a tag (`tag.camera`: name 'tag', tag 'camera'). */
  name: string;
  tag?: string;
  at: number;
}

export interface Literal {
  kind: 'literal';
  value: FilterValue;
  /** As typed: a 47-digit fragment number compares exactly by its text, not as a lossy JS number. */
  text: string;
  at: number;
}

export type Operand = FieldRef | Literal;
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type FilterNode =
  | { kind: 'or' | 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'match'; subject: Operand; regex: RegExp; negate: boolean }
  | { kind: 'in'; subject: Operand; values: Literal[] }
  /** A field alone: true when it holds something other than null, 0, false or "". */
  | { kind: 'truthy'; field: FieldRef }
  /** A bare word, number or string alone: the row's text contains it (case-insensitive). */
  | { kind: 'search'; text: string };
