// Bool: "true"/"false", case-insensitive on both sides. A policy value that is neither never matches,
// nor does a request value that is neither (so a Bool condition on a non-boolean key is false).

import { MATCH, NO_MATCH, type OperatorSpec, type ValueMatcher } from './types.js';

function toBool(s: string): boolean | undefined {
  const l = s.toLowerCase();
  return l === 'true' ? true : l === 'false' ? false : undefined;
}

export const boolOperators: OperatorSpec[] = [
  {
    name: 'Bool',
    negated: false,
    build(values): ValueMatcher {
      const bools = values.map(toBool);
      const t = bools.includes(true);
      const f = bools.includes(false);
      return (v) => {
        // Fast path for the canonical spellings the context builder produces.
        const b = v === 'true' ? true : v === 'false' ? false : toBool(v);
        return (b === true && t) || (b === false && f) ? MATCH : NO_MATCH;
      };
    },
  },
];
