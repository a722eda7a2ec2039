// Condition compiler: a statement's Condition clauses → one predicate over the request context.
// Everything that can be decided at compile time is (operator lookup, key lowercasing, parsing
// numbers, dates, CIDRs, base64, wildcard patterns); evaluation only reads the context.
//
// IpAddress needs no pre-parsed input: the request IP is parsed by a char loop into a reused buffer
// (tens of nanoseconds, no allocation), so callers just put aws:SourceIp in the context as a string.

import type { ConditionClause } from '../ast.js';
import { applyModifiers, type ConditionTest } from './modifiers.js';
import { compileNull } from './null.js';
import { parseOperator } from './operators.js';

export type { ConditionTest } from './modifiers.js';
export { CONDITION_OPERATORS, parseOperator } from './operators.js';
export { compilePattern, type PatternOptions, type PatternTest } from './wildcard.js';
export { compileArnPattern } from './arn.js';

const VARIABLES_VERSION = '2012-10-17';

/** Compiles one clause. `policyVersion` matters: policy variables in condition values are only substituted
 *  for Version 2012-10-17. Throws Error for an unknown operator (the parser rejects those earlier). */
export function compileCondition(clause: ConditionClause, policyVersion?: string): ConditionTest {
  const op = parseOperator(clause.operator);
  if (op === undefined) throw new Error(`Unknown condition operator: ${clause.operator}`);
  // Condition key names are case-insensitive (tag keys in aws:PrincipalTag/<k> included); the
  // context is keyed lowercase.
  const key = clause.key.toLowerCase();
  if (op.spec === undefined) return compileNull(key, clause.values);
  const variables = policyVersion === VARIABLES_VERSION && op.spec.acceptsVariables === true;
  const matcher = op.spec.build(clause.values, variables);
  return applyModifiers(key, matcher, op.spec.negated, op.set, op.ifExists);
}

/** All clauses of a statement: AND of them. Returns undefined for no clauses (fast path). */
export function compileConditions(
  clauses: ConditionClause[],
  policyVersion?: string,
): ConditionTest | undefined {
  if (clauses.length === 0) return undefined;
  const tests = clauses.map((c) => compileCondition(c, policyVersion));
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return (ctx) => a(ctx) && b(ctx);
  }
  return (ctx) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](ctx)) return false;
    return true;
  };
}

/** The condition keys a clause list references (for GetContextKeysFor*Policy), as written. Each key
 *  once (keys are case-insensitive; the first spelling wins), in document order. */
export function conditionKeys(clauses: ConditionClause[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of clauses) {
    const k = c.key.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c.key);
  }
  return out;
}
