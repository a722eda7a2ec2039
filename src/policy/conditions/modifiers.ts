// How a clause's value test meets the request's key: missing keys, IfExists, and the set operators.
//
// Without a set operator (AWS: "Multivalued context keys require a condition set operator"):
//   key missing (or an empty list)  → false, but true for negated operators and for ...IfExists;
//   single value                    → the operator's test (negated: no policy value matches);
//   multi-valued (an array)         → false. This follows AWS's answer quoted by iam-simulate
//     ("Set operator is required for a multi-value key", re:Inforce 2025 IAM431) rather than
//     guessing ForAnyValue semantics; it holds for negated operators too.
// ForAnyValue: some request value passes the test; a missing key or an empty set → false (true with
//   IfExists). ForAllValues: every request value passes; a missing key or an empty set → true (AWS's
//   documented footgun). A single value is a one-element set, and an empty string is the empty set
//   (AWS: "a null dataset, such as an empty string").
// With a negated base operator, "passes" means no policy value matches that request value.

import type { RequestContext } from '../context.js';
import type { SetOperator } from './operators.js';
import { MATCH, NO_MATCH, type ValueMatcher } from './types.js';

export type ConditionTest = (ctx: RequestContext) => boolean;

export function applyModifiers(
  key: string,
  matcher: ValueMatcher,
  negated: boolean,
  set: SetOperator,
  ifExists: boolean,
): ConditionTest {
  if (set === 'none') {
    const whenMissing = negated || ifExists;
    if (negated) {
      return (ctx) => {
        const v = ctx.get(key);
        if (typeof v === 'string') return matcher(v, ctx) === NO_MATCH;
        return v === undefined || v.length === 0 ? whenMissing : false;
      };
    }
    return (ctx) => {
      const v = ctx.get(key);
      if (typeof v === 'string') return matcher(v, ctx) === MATCH;
      return v === undefined || v.length === 0 ? whenMissing : false;
    };
  }
  const passes = negated
    ? (v: string, ctx: RequestContext) => matcher(v, ctx) === NO_MATCH
    : (v: string, ctx: RequestContext) => matcher(v, ctx) === MATCH;
  if (set === 'ForAnyValue') {
    return (ctx) => {
      const v = ctx.get(key);
      if (v === undefined || v.length === 0) return ifExists;
      if (typeof v === 'string') return passes(v, ctx);
      for (let i = 0; i < v.length; i++) if (passes(v[i], ctx)) return true;
      return false;
    };
  }
  return (ctx) => {
    const v = ctx.get(key);
    if (v === undefined || v.length === 0) return true;
    if (typeof v === 'string') return passes(v, ctx);
    for (let i = 0; i < v.length; i++) if (!passes(v[i], ctx)) return false;
    return true;
  };
}
