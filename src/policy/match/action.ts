// The Action / NotAction element: case-insensitive, `*` and `?` anywhere (service prefix included).
// Patterns are lowercased once here; the flow lowercases the request's action once per request.

import { compileGlob, hasWildcard, type StringMatcher } from './glob.js';

/** Lowercased-action matcher for a list of patterns: true when any pattern matches. */
export function compileActionList(patterns: readonly string[]): StringMatcher {
  const lower = patterns.map((p) => p.toLowerCase());
  if (lower.includes('*')) return () => true;
  const exact = new Set<string>();
  const globs: StringMatcher[] = [];
  for (const p of lower) {
    if (hasWildcard(p)) globs.push(compileGlob(p));
    else exact.add(p);
  }
  if (globs.length === 0) {
    if (exact.size === 1) {
      const [only] = exact;
      return (a) => a === only;
    }
    return (a) => exact.has(a);
  }
  if (exact.size === 0 && globs.length === 1) return globs[0];
  return (a) => {
    if (exact.has(a)) return true;
    for (let i = 0; i < globs.length; i++) if (globs[i](a)) return true;
    return false;
  };
}

/**
 * The service prefix a pattern is restricted to (lowercased), or undefined when its prefix has a
 * wildcard (`*`, `s3*:Get*`) so it can match actions of any service.
 */
export function actionServicePrefix(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = pattern.slice(0, colon).toLowerCase();
  return hasWildcard(prefix) ? undefined : prefix;
}

/** The service prefix of a (lowercased) request action: "s3" for "s3:getobject". */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}
