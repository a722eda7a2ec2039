// The request context the engine evaluates conditions and policy variables against.
// Keys are stored lowercased because IAM condition key names are case-insensitive
// (values are not). Multi-valued keys (aws:TagKeys, aws:PrincipalOrgPaths, ...) hold arrays.

export type ContextValue = string | readonly string[];

/** Lowercased key → value. Build it with makeContext so keys are normalised once, not per lookup. */
export type RequestContext = ReadonlyMap<string, ContextValue>;

/** Builds a context from keys in any case; booleans and numbers become strings, as IAM sees them. */
export function makeContext(
  entries: Record<string, ContextValue | boolean | number | undefined>,
): RequestContext {
  const m = new Map<string, ContextValue>();
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined) continue;
    m.set(k.toLowerCase(), typeof v === 'boolean' || typeof v === 'number' ? String(v) : v);
  }
  return m;
}
