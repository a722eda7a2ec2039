// Wildcard matching without regexes or allocation at match time. A pattern is compiled once into
// "parts": literal strings and wildcard tokens. The resource rule (see resource.ts) needs wildcards
// that may not cross a colon, so the tokens come in two flavours.

/** `*`: any run of characters, colons included. */
export const STAR = 1;
/** `*` that stays inside one ARN segment: any run of characters except `:`. */
export const STAR_IN_SEGMENT = 2;
/** `?`: exactly one character. */
export const ONE = 3;
/** `?` inside an ARN segment: exactly one character other than `:`. */
export const ONE_IN_SEGMENT = 4;

export type GlobPart = string | number;

const COLON = 58;

/** Splits a pattern on `*` and `?` (both free, as in the Action element). */
export function globParts(pattern: string): GlobPart[] {
  const parts: GlobPart[] = [];
  let lit = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (lit) parts.push(lit);
      lit = '';
      // Consecutive stars are one star; keeping them would only add backtracking.
      if (ch === '*' && parts[parts.length - 1] === STAR) continue;
      parts.push(ch === '*' ? STAR : ONE);
    } else lit += ch;
  }
  if (lit) parts.push(lit);
  return parts;
}

/** Does `s` (from index si) match parts (from index pi)? Backtracks only at stars. */
export function matchParts(parts: readonly GlobPart[], s: string, pi = 0, si = 0): boolean {
  const n = parts.length;
  while (pi < n) {
    const p = parts[pi];
    if (typeof p === 'string') {
      if (!s.startsWith(p, si)) return false;
      si += p.length;
      pi++;
      continue;
    }
    if (p === ONE || p === ONE_IN_SEGMENT) {
      if (si >= s.length || (p === ONE_IN_SEGMENT && s.charCodeAt(si) === COLON)) return false;
      si++;
      pi++;
      continue;
    }
    // A star: try every end position, shortest first.
    const inSegment = p === STAR_IN_SEGMENT;
    if (pi === n - 1) return !inSegment || s.indexOf(':', si) < 0;
    const next = parts[pi + 1];
    for (let k = si; k <= s.length; k++) {
      // Jump straight to the next occurrence of a following literal.
      if (typeof next === 'string') {
        const at = s.indexOf(next, k);
        if (at < 0) return false;
        if (inSegment) {
          const colon = s.indexOf(':', si);
          if (colon >= 0 && colon < at) return false;
        }
        k = at;
      } else if (inSegment && k > si && s.charCodeAt(k - 1) === COLON) return false;
      if (matchParts(parts, s, pi + 1, k)) return true;
      if (inSegment && k < s.length && s.charCodeAt(k) === COLON) return false;
    }
    return false;
  }
  return si === s.length;
}

export type StringMatcher = (s: string) => boolean;

const always: StringMatcher = () => true;

/**
 * The fastest matcher for compiled parts: equality, always, startsWith, endsWith, or the general
 * backtracking matcher.
 */
export function partsMatcher(parts: readonly GlobPart[]): StringMatcher {
  if (parts.length === 0) return (s) => s.length === 0;
  if (parts.length === 1) {
    const p = parts[0];
    if (typeof p === 'string') return (s) => s === p;
    if (p === STAR) return always;
  }
  if (parts.length === 2) {
    const [a, b] = parts;
    if (typeof a === 'string' && b === STAR) return (s) => s.startsWith(a);
    if (a === STAR && typeof b === 'string') return (s) => s.endsWith(b);
  }
  return (s) => matchParts(parts, s);
}

/** A free glob (`*` and `?` match anything), e.g. for actions. Case is the caller's business. */
export function compileGlob(pattern: string): StringMatcher {
  return partsMatcher(globParts(pattern));
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}
