// BinaryEquals: the policy holds base64; the request context holds the raw value as a string, compared
// byte for byte as its UTF-8 encoding against the decoded policy bytes (equivalent to comparing the
// base64 of the request value, without caring about padding or line breaks in the policy's base64).
// A policy value that is not base64 never matches.

import { anyValue, MATCH, NO_MATCH, type OperatorSpec, type ValueMatcher } from './types.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes base64 to bytes; undefined when the text is not base64. atob is a web global (pure). */
export function decodeBase64(s: string): Uint8Array | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!BASE64.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    const bin = atob(clean);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

const encoder = new TextEncoder();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export const binaryOperators: OperatorSpec[] = [
  {
    name: 'BinaryEquals',
    negated: false,
    build(values): ValueMatcher {
      const wanted = values.map(decodeBase64).filter((b): b is Uint8Array => b !== undefined);
      if (wanted.length === 0) return anyValue([]);
      return (v) => {
        const bytes = encoder.encode(v);
        for (const w of wanted) if (sameBytes(bytes, w)) return MATCH;
        return NO_MATCH;
      };
    },
  },
];
