// Policy variables: ${aws:username}, ${aws:PrincipalTag/team, 'none'}, and the escapes ${*} ${?} ${$}.
// AWS substitutes them (only in Version 2012-10-17 policies, and only in Resource and in String/ARN
// condition values) from the request context. A variable whose key is missing, or multi-valued
// (AWS: "multivalued context keys can't be used as policy variables"), is unresolvable unless it has a
// default; an unresolvable variable makes the whole element not match.

import type { RequestContext } from './context.js';

export type TemplatePart = { text: string } | { variable: string; defaultValue?: string };

/** Internal form: escapes (${*} ${?} ${$}) are flagged so wildcard matchers keep them literal. */
export type ScannedPart =
  { text: string; escaped: boolean } | { variable: string; key: string; defaultValue?: string };

const ESCAPES = new Set(['*', '?', '$']);

/**
 * Parses the inside of `${...}`: a name, optionally followed by `, 'default'` where `''` is a quote
 * inside the default. Spaces around the name and the comma are tolerated (AWS's documented form is
 * "name, 'default'"). Returns undefined for anything else, which the caller keeps as literal text.
 */
function parseBody(body: string): { variable: string; defaultValue?: string } | undefined {
  const comma = body.indexOf(',');
  const name = (comma < 0 ? body : body.slice(0, comma)).trim();
  if (name === '' || /[\s'{}$]/.test(name)) return undefined;
  if (comma < 0) return { variable: name };
  const rest = body.slice(comma + 1).trim();
  if (rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'") return undefined;
  const inner = rest.slice(1, -1);
  // Inside the quotes, a lone quote is malformed; '' stands for one quote.
  if (/'(?!')/.test(inner.replace(/''/g, ''))) return undefined;
  return { variable: name, defaultValue: inner.replace(/''/g, "'") };
}

/** Finds the `}` closing a `${` at `start` (index of `$`), skipping quoted defaults. -1 if none. */
function findClose(s: string, start: number): number {
  let inQuote = false;
  for (let i = start + 2; i < s.length; i++) {
    const c = s[i];
    if (c === "'")
      inQuote = !inQuote; // '' toggles twice: still correct
    else if (c === '}' && !inQuote) return i;
  }
  return -1;
}

/** Splits a template into literal text, escapes and variables (the engine's internal form). */
export function scanTemplate(s: string): ScannedPart[] {
  const parts: ScannedPart[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('${', i);
    if (at < 0) break;
    const close = findClose(s, at);
    if (close < 0) break;
    const body = s.slice(at + 2, close);
    const trimmed = body.trim();
    if (ESCAPES.has(trimmed)) {
      text += s.slice(i, at);
      if (text) parts.push({ text, escaped: false });
      text = '';
      parts.push({ text: trimmed, escaped: true });
    } else {
      const v = parseBody(body);
      if (v) {
        text += s.slice(i, at);
        if (text) parts.push({ text, escaped: false });
        text = '';
        parts.push({ ...v, key: v.variable.toLowerCase() });
      } else {
        text += s.slice(i, close + 1); // malformed: literal
      }
    }
    i = close + 1;
  }
  text += s.slice(i);
  if (text) parts.push({ text, escaped: false });
  return parts;
}

/** Splits "arn:aws:s3:::b/${aws:username}/*" into parts; ${*} ${?} ${$} become text parts "*", "?", "$". */
export function parseTemplate(s: string): TemplatePart[] {
  return scanTemplate(s).map((p) =>
    'text' in p
      ? { text: p.text }
      : p.defaultValue === undefined
        ? { variable: p.variable }
        : { variable: p.variable, defaultValue: p.defaultValue },
  );
}

export function hasVariables(s: string): boolean {
  if (!s.includes('${')) return false;
  return scanTemplate(s).some((p) => !('text' in p) || p.escaped);
}

/** The context keys a template's variables reference, as written (for GetContextKeysFor*Policy). */
export function templateVariables(s: string): string[] {
  if (!s.includes('${')) return [];
  const out: string[] = [];
  for (const p of scanTemplate(s)) if ('variable' in p) out.push(p.variable);
  return out;
}

/** Resolves one variable against the context: string value, or the default, or undefined (unresolvable:
 *  missing key, or a multi-valued key, per AWS). */
export function resolveVariable(
  name: string,
  defaultValue: string | undefined,
  ctx: RequestContext,
): string | undefined {
  return resolveKey(name.toLowerCase(), defaultValue, ctx);
}

/** resolveVariable for an already-lowercased key (the compiled hot path). */
export function resolveKey(
  key: string,
  defaultValue: string | undefined,
  ctx: RequestContext,
): string | undefined {
  const v = ctx.get(key);
  return typeof v === 'string' ? v : defaultValue;
}

/** Compiles a template to a function; undefined result = unresolvable (the element then does not match). */
export function compileTemplate(s: string): (ctx: RequestContext) => string | undefined {
  const parts = scanTemplate(s);
  if (parts.every((p) => 'text' in p)) {
    const constant = parts.map((p) => (p as { text: string }).text).join('');
    return () => constant;
  }
  if (parts.length === 1) {
    const p = parts[0] as { key: string; defaultValue?: string };
    const { key, defaultValue } = p;
    return (ctx) => resolveKey(key, defaultValue, ctx);
  }
  return (ctx) => {
    let out = '';
    for (const p of parts) {
      if ('text' in p) out += p.text;
      else {
        const v = resolveKey(p.key, p.defaultValue, ctx);
        if (v === undefined) return undefined;
        out += v;
      }
    }
    return out;
  };
}
