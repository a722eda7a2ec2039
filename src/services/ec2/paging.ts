// EC2's paging: MaxResults 5..1000 (or the operation's own bounds), NextToken an opaque cursor naming the
// last item returned. A token that does not decode, or whose item is gone, is refused.
import { invalidNextToken, invalidParameterValue } from './errors.js';

export function pageSize(max: number | undefined, min = 5, limit = 1000): number | undefined {
  if (max === undefined) return undefined;
  if (!Number.isInteger(max) || max < min || max > limit) {
    throw invalidParameterValue(
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${limit}.`,
    );
  }
  return max;
}

export function page<T>(
  items: readonly T[],
  keyOf: (t: T) => string,
  max: number | undefined,
  token: string | undefined,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token) {
    let after: string;
    try {
      after = Buffer.from(token, 'base64url').toString('utf8');
    } catch {
      throw invalidNextToken();
    }
    const i = items.findIndex((t) => keyOf(t) === after);
    if (i < 0) throw invalidNextToken();
    start = i + 1;
  }
  if (max === undefined) return { items: items.slice(start) };
  const slice = items.slice(start, start + max);
  const more = start + max < items.length;
  return {
    items: slice,
    nextToken: more ? Buffer.from(keyOf(slice[slice.length - 1]!), 'utf8').toString('base64url') : undefined,
  };
}
