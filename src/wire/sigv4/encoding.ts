// RFC 3986 percent-encoding as SigV4 defines it: everything but A-Z a-z 0-9 - _ . ~ is encoded, hex upper-case.

const EXTRA = /[!'()*]/g;
const hexOf = (c: string): string => '%' + c.charCodeAt(0).toString(16).toUpperCase();
const NEEDS_WORK = /[^A-Za-z0-9\-_.~]/;

export function uriEncode(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return encodeURIComponent(s).replace(EXTRA, hexOf);
}

/** Like uriEncode but keeps '/' (for canonical URIs). */
export function uriEncodePath(s: string): string {
  if (!/[^A-Za-z0-9\-_.~/]/.test(s)) return s;
  return s.split('/').map(uriEncode).join('/');
}

/** Percent-decoding that never throws: malformed escapes are kept literally (AWS does not reject them here). */
export function safeDecode(s: string): string {
  if (s.indexOf('%') === -1) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}
