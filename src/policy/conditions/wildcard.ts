// Wildcard matching for StringLike, ArnLike (per ARN segment) and Resource/Action patterns: `*` matches
// any run of characters (including none), `?` exactly one UTF-16 code unit. Patterns are compiled to
// code arrays once (a wildcard is a negative code, so an escaped ${*} or a variable's value stays
// literal); matching is an allocation-free two-pointer scan with single-star backtracking, O(n·m)
// worst case and linear for the usual one-or-two-star patterns. No RegExp is built per evaluation.

import type { RequestContext } from '../context.js';
import { resolveKey, scanTemplate, type ScannedPart } from '../variables.js';

export const STAR = -1;
export const QMARK = -2;
export type Codes = ArrayLike<number>;

/** Appends `text` as codes; `*` and `?` become wildcards when `wildcards` is set. */
export function pushCodes(out: number[], text: string, wildcards: boolean, ignoreCase = false): void {
  const t = ignoreCase ? text.toLowerCase() : text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    out.push(wildcards && c === 42 ? STAR : wildcards && c === 63 ? QMARK : c);
  }
}

/** Matches s[sFrom, sTo) against p[pFrom, pTo). */
export function globMatch(
  p: Codes,
  pFrom: number,
  pTo: number,
  s: string,
  sFrom: number,
  sTo: number,
): boolean {
  let pi = pFrom;
  let si = sFrom;
  let starP = -1;
  let starS = 0;
  while (si < sTo) {
    if (pi < pTo) {
      const c = p[pi];
      if (c === STAR) {
        starP = pi++;
        starS = si;
        continue;
      }
      if (c === QMARK || c === s.charCodeAt(si)) {
        pi++;
        si++;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP + 1;
    si = ++starS;
  }
  while (pi < pTo && p[pi] === STAR) pi++;
  return pi === pTo;
}

/** Template → codes, resolving variables (their values are literal). undefined = unresolvable. */
export function resolveCodes(
  parts: readonly ScannedPart[],
  ctx: RequestContext,
  ignoreCase = false,
): number[] | undefined {
  const out: number[] = [];
  for (const p of parts) {
    if ('text' in p) pushCodes(out, p.text, !p.escaped, ignoreCase);
    else {
      const v = resolveKey(p.key, p.defaultValue, ctx);
      if (v === undefined) return undefined;
      pushCodes(out, v, false, ignoreCase);
    }
  }
  return out;
}

export interface PatternOptions {
  /** Substitute policy variables (Version 2012-10-17). Without it, `${...}` is literal text. */
  variables: boolean;
  /** Case-insensitive (Action matching); StringLike and ArnLike are case-sensitive. */
  ignoreCase?: boolean;
}

/** A compiled pattern: true/false, or undefined when a policy variable is unresolvable. */
export type PatternTest = (value: string, ctx: RequestContext) => boolean | undefined;

/** Static pattern → the cheapest test that implements it (equality, prefix, suffix, scan). */
function staticTest(codes: number[], ignoreCase: boolean): (value: string) => boolean {
  const stars = codes.filter((c) => c === STAR).length;
  const hasQ = codes.includes(QMARK);
  const lit = String.fromCharCode(...codes.filter((c) => c >= 0));
  const fold = ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (!hasQ && stars === 0) return (v) => fold(v) === lit;
  if (!hasQ && codes.length === 1) return () => true; // "*"
  if (!hasQ && stars === 1 && codes[codes.length - 1] === STAR) return (v) => fold(v).startsWith(lit);
  if (!hasQ && stars === 1 && codes[0] === STAR) return (v) => fold(v).endsWith(lit);
  const p = Int32Array.from(codes);
  return (v) => {
    const s = fold(v);
    return globMatch(p, 0, p.length, s, 0, s.length);
  };
}

/** Compiles a wildcard pattern that may contain policy variables. */
export function compilePattern(template: string, opts: PatternOptions): PatternTest {
  const ignoreCase = opts.ignoreCase ?? false;
  const parts: ScannedPart[] = opts.variables ? scanTemplate(template) : [{ text: template, escaped: false }];
  if (parts.every((p) => 'text' in p)) {
    const codes: number[] = [];
    for (const p of parts)
      pushCodes(codes, (p as { text: string }).text, !(p as { escaped: boolean }).escaped, ignoreCase);
    return staticTest(codes, ignoreCase);
  }
  return (v, ctx) => {
    const codes = resolveCodes(parts, ctx, ignoreCase);
    if (codes === undefined) return undefined;
    const s = ignoreCase ? v.toLowerCase() : v;
    return globMatch(codes, 0, codes.length, s, 0, s.length);
  };
}
