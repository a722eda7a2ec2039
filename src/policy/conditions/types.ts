// Shared shapes of the condition compiler. Each operator family compiles its policy values into a
// ValueMatcher once; the modifiers (set operators, IfExists, missing keys) wrap it.

import type { RequestContext } from '../context.js';

/** Some resolvable policy value matched the request value. */
export const MATCH = 1;
/** No policy value matched, and every one resolved. */
export const NO_MATCH = 0;
/** No policy value matched, and at least one held an unresolvable policy variable. */
export const UNRESOLVED = -1;
export type MatchResult = typeof MATCH | typeof NO_MATCH | typeof UNRESOLVED;

/**
 * Tests one request value against all of a clause's policy values (OR). The tri-state result lets
 * negated operators tell "nothing matched" from "a variable could not be resolved": AWS says an
 * unresolvable variable "fails to match and causes the statement to be invalid", so a negated
 * operator is false, not true, when one of its values cannot be resolved.
 */
export type ValueMatcher = (value: string, ctx: RequestContext) => MatchResult;

export interface OperatorSpec {
  /** The operator's name as AWS spells it, e.g. "StringNotLike". */
  name: string;
  /** Negated operators (StringNotEquals, NotIpAddress, ...): result is NOT(any value matches). */
  negated: boolean;
  /** AWS substitutes policy variables only in the String and ARN families. */
  acceptsVariables?: boolean;
  /** `variables`: substitute policy variables (Version 2012-10-17, String and ARN families only). */
  build(values: readonly string[], variables: boolean): ValueMatcher;
}

/** Combines per-value tests into one ValueMatcher (OR, with UNRESOLVED tracking). */
export function anyValue(tests: readonly ValueMatcher[]): ValueMatcher {
  if (tests.length === 0) return () => NO_MATCH;
  if (tests.length === 1) return tests[0];
  return (v, ctx) => {
    let r: MatchResult = NO_MATCH;
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i](v, ctx);
      if (t === MATCH) return MATCH;
      if (t === UNRESOLVED) r = UNRESOLVED;
    }
    return r;
  };
}
