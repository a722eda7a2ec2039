// The Resource / NotResource element. Resources match case-sensitively. AWS's wildcard rule for ARNs
// (IAM User Guide, "IAM JSON policy elements: Resource"): `*` and `?` work within the individual
// colon-separated segments of an ARN; a `*` that is the last character of a segment may expand across
// colon boundaries. The sixth segment (the resource part) may itself contain colons, so wildcards
// there match anything. Policy variables (2012-10-17 only) resolve to literal text — a `*` in a
// resolved value is not a wildcard — and an unresolvable variable makes the pattern match nothing.

import type { RequestContext } from '../context.js';
import { hasVariables, resolveKey, scanTemplate } from '../variables.js';
import {
  type GlobPart,
  ONE,
  ONE_IN_SEGMENT,
  STAR,
  STAR_IN_SEGMENT,
  matchParts,
  partsMatcher,
} from './glob.js';

export type ResourceMatcher = (resource: string, ctx: RequestContext) => boolean;

/** ARN segments before the resource part: arn, partition, service, region, account. */
const FIXED_SEGMENTS = 5;

/** Wildcard parts of a literal stretch of pattern text, tracking the colon count across calls. */
function pushTextParts(text: string, parts: GlobPart[], state: { colons: number }, followedBy: string): void {
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '*' || ch === '?') {
      if (lit) parts.push(lit);
      lit = '';
      const inFixed = state.colons < FIXED_SEGMENTS;
      if (ch === '?') {
        parts.push(inFixed ? ONE_IN_SEGMENT : ONE);
        continue;
      }
      // "Last character of a segment": the next pattern character is a colon or the pattern ends.
      const nextCh = i + 1 < text.length ? text[i + 1] : followedBy;
      const tok = !inFixed || nextCh === ':' || nextCh === '' ? STAR : STAR_IN_SEGMENT;
      const prev = parts[parts.length - 1];
      if (prev === STAR || prev === STAR_IN_SEGMENT) {
        // Two adjacent stars: the freer one wins.
        if (tok === STAR) parts[parts.length - 1] = STAR;
        continue;
      }
      parts.push(tok);
    } else {
      if (ch === ':') state.colons++;
      lit += ch;
    }
  }
  if (lit) parts.push(lit);
}

/** Merges adjacent literals (resolved variables sit between text parts). */
function pushLiteral(parts: GlobPart[], s: string): void {
  if (s.length === 0) return;
  const last = parts.length - 1;
  if (last >= 0 && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + s;
  else parts.push(s);
}

export function resourceParts(pattern: string): GlobPart[] {
  const parts: GlobPart[] = [];
  pushTextParts(pattern, parts, { colons: 0 }, '');
  return parts;
}

/** Compiles one Resource pattern. `variables` is false for policies older than 2012-10-17. */
export function compileResourcePattern(pattern: string, variables: boolean): ResourceMatcher {
  if (pattern === '*') return () => true;
  if (!variables || !hasVariables(pattern)) {
    const m = partsMatcher(resourceParts(pattern));
    return (resource) => m(resource);
  }
  // Pre-compute the wildcard parts of the text pieces; only variables are filled in per request.
  const template = scanTemplate(pattern);
  const state = { colons: 0 };
  const pieces: (GlobPart[] | { key: string; defaultValue?: string })[] = [];
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    if (!('text' in t)) {
      pieces.push({ key: t.key, defaultValue: t.defaultValue });
    } else if (t.escaped) {
      pieces.push([t.text]); // ${*} ${?} ${$}: a literal character, never a wildcard
    } else {
      const next = template[i + 1];
      const followedBy = next === undefined ? '' : 'text' in next ? next.text[0] : 'x';
      const parts: GlobPart[] = [];
      pushTextParts(t.text, parts, state, followedBy);
      pieces.push(parts);
    }
  }
  return (resource, ctx) => {
    const parts: GlobPart[] = [];
    for (const piece of pieces) {
      if (Array.isArray(piece)) {
        for (const p of piece) {
          if (typeof p === 'string') pushLiteral(parts, p);
          else parts.push(p);
        }
      } else {
        const v = resolveKey(piece.key, piece.defaultValue, ctx);
        if (v === undefined) return false;
        pushLiteral(parts, v);
      }
    }
    return matchParts(parts, resource);
  };
}

/** Matches when any pattern matches; exact patterns go through one Set lookup. */
export function compileResourceList(patterns: readonly string[], variables: boolean): ResourceMatcher {
  if (patterns.includes('*')) return () => true;
  const exact = new Set<string>();
  const others: ResourceMatcher[] = [];
  for (const p of patterns) {
    if (!p.includes('*') && !p.includes('?') && !(variables && hasVariables(p))) exact.add(p);
    else others.push(compileResourcePattern(p, variables));
  }
  if (others.length === 0) {
    if (exact.size === 1) {
      const [only] = exact;
      return (r) => r === only;
    }
    return (r) => exact.has(r);
  }
  if (exact.size === 0 && others.length === 1) return others[0];
  return (r, ctx) => {
    if (exact.has(r)) return true;
    for (let i = 0; i < others.length; i++) if (others[i](r, ctx)) return true;
    return false;
  };
}
