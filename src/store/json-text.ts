// JSON text of strings on hot paths (audit records are made for every request): JSON.stringify of a string
// cost ~150 ns, a test for what it would escape and two quotes ~30.

/** What JSON.stringify would escape in a string (any surrogate too: a lone one is escaped). */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** Whether JSON.stringify would escape something in `s` (else its JSON is `s` between quotes). */
export function needsJsonEscape(s: string): boolean {
  return NEEDS_ESCAPE.test(s);
}

/** JSON.stringify(s), quoted directly where nothing needs escaping. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}
