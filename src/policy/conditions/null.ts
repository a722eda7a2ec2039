// Null: {"Null": {"key": "true"}} holds when the key is absent, "false" when it is present ("true"/
// "false" case-insensitive; other values never match). An empty multi-valued key (e.g. aws:TagKeys
// with no tags) counts as absent: AWS documents Null false as "the key is present and its value is
// not null", and an empty list is the null data set. Null takes no IfExists and no policy variables.

import type { RequestContext } from '../context.js';

export function compileNull(key: string, values: readonly string[]): (ctx: RequestContext) => boolean {
  const lower = values.map((v) => v.toLowerCase());
  const whenAbsent = lower.includes('true');
  const whenPresent = lower.includes('false');
  return (ctx) => {
    const v = ctx.get(key);
    const present = v !== undefined && (typeof v === 'string' || v.length > 0);
    return present ? whenPresent : whenAbsent;
  };
}
