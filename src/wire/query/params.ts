// Form / query-string parameters (application/x-www-form-urlencoded) into a flat map.
import { safeDecode } from '../sigv4/encoding.js';

const PLUS = /\+/g;

function formDecode(s: string): string {
  return safeDecode(s.indexOf('+') === -1 ? s : s.replace(PLUS, ' '));
}

/** Parses one or more form-encoded strings; later sources win for a repeated key (body over query string). */
export function parseFormParams(...sources: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const src of sources) {
    if (src === '') continue;
    let start = 0;
    while (start <= src.length) {
      let end = src.indexOf('&', start);
      if (end === -1) end = src.length;
      if (end > start) {
        const eq = src.indexOf('=', start);
        if (eq === -1 || eq > end) out.set(formDecode(src.slice(start, end)), '');
        else out.set(formDecode(src.slice(start, eq)), formDecode(src.slice(eq + 1, end)));
      }
      start = end + 1;
    }
  }
  return out;
}

/** Every proper prefix of every dotted key ("A.B.1.C" gives A, A.B, A.B.1), to test for nested input cheaply. */
export function keyPrefixes(params: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const k of params.keys()) {
    let i = k.indexOf('.');
    while (i !== -1) {
      out.add(k.slice(0, i));
      i = k.indexOf('.', i + 1);
    }
  }
  return out;
}
