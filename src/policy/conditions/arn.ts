// ARN operators. ArnEquals and ArnLike are the same test in AWS ("Case-sensitive matching of the ARN.
// Each of the six colon-delimited components of the ARN is checked separately and each can include
// multi-character match wildcards (*) or single-character match wildcards (?)"); ArnNotEquals and
// ArnNotLike are their negations. Components: arn:partition:service:region:account:resource, where the
// resource is everything after the fifth colon (it may contain colons). A policy value or a request
// value with fewer than six components matches nothing. Wildcards in the first five components cannot
// cross a colon; in the resource component they can.

import type { RequestContext } from '../context.js';
import { scanTemplate, type ScannedPart } from '../variables.js';
import { globMatch, pushCodes, resolveCodes, type Codes, type PatternTest } from './wildcard.js';
import { anyValue, MATCH, NO_MATCH, UNRESOLVED, type OperatorSpec, type ValueMatcher } from './types.js';

const COLON = 58;

/** Component boundaries of a pattern: 6 [start, end) pairs, or undefined with fewer than 5 colons. */
function patternBounds(codes: Codes): Int32Array | undefined {
  const b = new Int32Array(12);
  let seg = 0;
  b[0] = 0;
  for (let i = 0; i < codes.length && seg < 5; i++) {
    if (codes[i] === COLON) {
      b[2 * seg + 1] = i;
      seg++;
      b[2 * seg] = i + 1;
    }
  }
  if (seg < 5) return undefined;
  b[11] = codes.length;
  return b;
}

const requestBounds = new Int32Array(12);

/** Fills requestBounds for s; false with fewer than 5 colons. */
function splitRequest(s: string): boolean {
  let seg = 0;
  let from = 0;
  requestBounds[0] = 0;
  while (seg < 5) {
    const i = s.indexOf(':', from);
    if (i < 0) return false;
    requestBounds[2 * seg + 1] = i;
    seg++;
    requestBounds[2 * seg] = i + 1;
    from = i + 1;
  }
  requestBounds[11] = s.length;
  return true;
}

function matchArn(codes: Codes, b: Int32Array, s: string): boolean {
  if (!splitRequest(s)) return false;
  for (let k = 0; k < 12; k += 2) {
    if (!globMatch(codes, b[k], b[k + 1], s, requestBounds[k], requestBounds[k + 1])) return false;
  }
  return true;
}

/** Compiles an ARN pattern (ArnLike semantics); undefined result = unresolvable policy variable. */
export function compileArnPattern(template: string, variables: boolean): PatternTest {
  const parts: ScannedPart[] = variables ? scanTemplate(template) : [{ text: template, escaped: false }];
  if (parts.every((p) => 'text' in p)) {
    const codes: number[] = [];
    for (const p of parts)
      pushCodes(codes, (p as { text: string }).text, !(p as { escaped: boolean }).escaped);
    const c = Int32Array.from(codes);
    const b = patternBounds(c);
    if (b === undefined) return () => false;
    return (v) => matchArn(c, b, v);
  }
  return (v: string, ctx: RequestContext) => {
    const codes = resolveCodes(parts, ctx);
    if (codes === undefined) return undefined;
    const b = patternBounds(codes);
    return b !== undefined && matchArn(codes, b, v);
  };
}

function buildArn(values: readonly string[], variables: boolean): ValueMatcher {
  return anyValue(
    values.map((value): ValueMatcher => {
      const t = compileArnPattern(value, variables);
      return (v, ctx) => {
        const r = t(v, ctx);
        return r === undefined ? UNRESOLVED : r ? MATCH : NO_MATCH;
      };
    }),
  );
}

export const arnOperators: OperatorSpec[] = [
  { name: 'ArnEquals', negated: false, acceptsVariables: true, build: buildArn },
  { name: 'ArnLike', negated: false, acceptsVariables: true, build: buildArn },
  { name: 'ArnNotEquals', negated: true, acceptsVariables: true, build: buildArn },
  { name: 'ArnNotLike', negated: true, acceptsVariables: true, build: buildArn },
];
