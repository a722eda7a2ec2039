// String operators: StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase,
// StringLike, StringNotLike. Equality is on UTF-16 code units (case-sensitive unless IgnoreCase);
// only the Like pair knows wildcards. Policy variables are substituted (Version 2012-10-17), and a
// variable's value is compared literally.

import { compileTemplate, hasVariables } from '../variables.js';
import { compilePattern } from './wildcard.js';
import { anyValue, MATCH, NO_MATCH, UNRESOLVED, type OperatorSpec, type ValueMatcher } from './types.js';

/** Equality against constant values: one comparison, a short scan, or a Set for long lists. */
function constantEquals(values: string[], fold: (s: string) => string): ValueMatcher {
  if (values.length === 1) {
    const a = values[0];
    return (v) => (fold(v) === a ? MATCH : NO_MATCH);
  }
  if (values.length <= 4) {
    return (v) => {
      const f = fold(v);
      for (let i = 0; i < values.length; i++) if (values[i] === f) return MATCH;
      return NO_MATCH;
    };
  }
  const set = new Set(values);
  return (v) => (set.has(fold(v)) ? MATCH : NO_MATCH);
}

function buildEquals(values: readonly string[], variables: boolean, ignoreCase: boolean): ValueMatcher {
  const fold = ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  const constants: string[] = [];
  const tests: ValueMatcher[] = [];
  for (const value of values) {
    if (!variables || !hasVariables(value)) {
      constants.push(fold(value));
      continue;
    }
    const t = compileTemplate(value);
    tests.push((v, ctx) => {
      const r = t(ctx);
      if (r === undefined) return UNRESOLVED;
      return fold(v) === fold(r) ? MATCH : NO_MATCH;
    });
  }
  if (constants.length > 0) tests.unshift(constantEquals(constants, fold));
  return anyValue(tests);
}

function buildLike(values: readonly string[], variables: boolean): ValueMatcher {
  return anyValue(
    values.map((value): ValueMatcher => {
      const t = compilePattern(value, { variables });
      return (v, ctx) => {
        const r = t(v, ctx);
        return r === undefined ? UNRESOLVED : r ? MATCH : NO_MATCH;
      };
    }),
  );
}

export const stringOperators: OperatorSpec[] = [
  {
    name: 'StringEquals',
    negated: false,
    acceptsVariables: true,
    build: (vs, vars) => buildEquals(vs, vars, false),
  },
  {
    name: 'StringNotEquals',
    negated: true,
    acceptsVariables: true,
    build: (vs, vars) => buildEquals(vs, vars, false),
  },
  {
    name: 'StringEqualsIgnoreCase',
    negated: false,
    acceptsVariables: true,
    build: (vs, vars) => buildEquals(vs, vars, true),
  },
  {
    name: 'StringNotEqualsIgnoreCase',
    negated: true,
    acceptsVariables: true,
    build: (vs, vars) => buildEquals(vs, vars, true),
  },
  { name: 'StringLike', negated: false, acceptsVariables: true, build: buildLike },
  { name: 'StringNotLike', negated: true, acceptsVariables: true, build: buildLike },
];
