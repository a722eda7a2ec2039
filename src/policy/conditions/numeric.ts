// Numeric operators. Policy values are parsed once; a request value that is not a number matches
// nothing (so NumericNotEquals is true for it, like every negated operator on a non-match). Numbers
// are integers or decimals with an optional sign and exponent (what Java's BigDecimal accepts);
// comparison is on IEEE doubles, exact for integers up to 2^53.

import { anyValue, MATCH, NO_MATCH, type OperatorSpec, type ValueMatcher } from './types.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value as a number, or NaN when it is not one. */
export function parseNumber(s: string): number {
  return NUMBER.test(s) ? Number(s) : NaN;
}

type Cmp = (request: number, policy: number) => boolean;

function numeric(name: string, negated: boolean, cmp: Cmp): OperatorSpec {
  return {
    name,
    negated,
    build(values): ValueMatcher {
      const nums = values.map(parseNumber).filter((n) => !Number.isNaN(n));
      if (nums.length === 0) return anyValue([]);
      return (v) => {
        const n = parseNumber(v);
        if (Number.isNaN(n)) return NO_MATCH;
        for (let i = 0; i < nums.length; i++) if (cmp(n, nums[i])) return MATCH;
        return NO_MATCH;
      };
    },
  };
}

export const numericOperators: OperatorSpec[] = [
  numeric('NumericEquals', false, (r, p) => r === p),
  numeric('NumericNotEquals', true, (r, p) => r === p),
  numeric('NumericLessThan', false, (r, p) => r < p),
  numeric('NumericLessThanEquals', false, (r, p) => r <= p),
  numeric('NumericGreaterThan', false, (r, p) => r > p),
  numeric('NumericGreaterThanEquals', false, (r, p) => r >= p),
];
