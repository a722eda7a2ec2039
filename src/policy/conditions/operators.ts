// The operator table: every base operator, looked up case-insensitively, and the parser of an
// operator as written ("ForAnyValue:StringLikeIfExists" → set operator, base, IfExists).

import { arnOperators } from './arn.js';
import { binaryOperators } from './binary.js';
import { boolOperators } from './bool.js';
import { dateOperators } from './date.js';
import { ipOperators } from './ip.js';
import { numericOperators } from './numeric.js';
import { stringOperators } from './string.js';
import type { OperatorSpec } from './types.js';

export const NULL_OPERATOR = 'Null';

const specs: OperatorSpec[] = [
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  ...boolOperators,
  ...binaryOperators,
  ...ipOperators,
  ...arnOperators,
];

const byLowerName = new Map(specs.map((s) => [s.name.toLowerCase(), s]));

/** All base operator names as AWS spells them (Null included): 27 of them. */
export const CONDITION_OPERATORS: readonly string[] = [...specs.map((s) => s.name), NULL_OPERATOR];

export type SetOperator = 'none' | 'ForAnyValue' | 'ForAllValues';

export interface ParsedOperator {
  set: SetOperator;
  ifExists: boolean;
  /** undefined for Null. */
  spec: OperatorSpec | undefined;
}

/** Parses an operator as written; undefined when unknown (including "NullIfExists"). */
export function parseOperator(operator: string): ParsedOperator | undefined {
  let rest = operator.toLowerCase();
  let set: SetOperator = 'none';
  if (rest.startsWith('foranyvalue:')) {
    set = 'ForAnyValue';
    rest = rest.slice('foranyvalue:'.length);
  } else if (rest.startsWith('forallvalues:')) {
    set = 'ForAllValues';
    rest = rest.slice('forallvalues:'.length);
  }
  if (rest === 'null') return { set, ifExists: false, spec: undefined };
  let spec = byLowerName.get(rest);
  if (spec) return { set, ifExists: false, spec };
  if (!rest.endsWith('ifexists')) return undefined;
  spec = byLowerName.get(rest.slice(0, -'ifexists'.length));
  return spec ? { set, ifExists: true, spec } : undefined;
}
