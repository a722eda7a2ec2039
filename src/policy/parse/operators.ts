// Which condition operator names IAM accepts. Evaluation lives in src/policy/conditions/; this is only
// the grammar: a base operator, optionally "IfExists" (not on Null), optionally prefixed by a set operator.

const BASE_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
  'Null',
]);

const SET_PREFIXES = ['ForAnyValue:', 'ForAllValues:'] as const;
const IF_EXISTS = 'IfExists';

/** The base operator of `op` (e.g. "StringLike" for "ForAnyValue:StringLikeIfExists"), or undefined. */
export function baseConditionOperator(op: string): string | undefined {
  let rest = op;
  for (const p of SET_PREFIXES) {
    if (rest.startsWith(p)) {
      rest = rest.slice(p.length);
      break;
    }
  }
  if (rest.endsWith(IF_EXISTS)) {
    const base = rest.slice(0, -IF_EXISTS.length);
    return base !== 'Null' && BASE_OPERATORS.has(base) ? base : undefined;
  }
  return BASE_OPERATORS.has(rest) ? rest : undefined;
}

/** True if IAM accepts `op` as a condition operator name (case-sensitive, as IAM is). */
export function isValidConditionOperator(op: string): boolean {
  return baseConditionOperator(op) !== undefined;
}
