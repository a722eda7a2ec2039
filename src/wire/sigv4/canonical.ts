// The SigV4 canonical request and string to sign, shared by the verifier and the signer.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
import * as crypto from 'node:crypto';
import { safeDecode, uriEncode, uriEncodePath } from './encoding.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

// crypto.hash (Node >= 20.12) is a one-shot digest, about twice as fast as createHash for small inputs.
const oneShot = (crypto as { hash?: (alg: string, data: Buffer | string, enc: 'hex') => string }).hash;

export function sha256Hex(data: Buffer | string): string {
  if (data.length === 0) return EMPTY_SHA256;
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * The canonical URI. Every service but S3 normalises the path (drops empty, '.' and '..' segments) and
 * encodes the already-encoded wire path once more ("double encoding"). S3 uses each segment exactly
 * once-encoded: we decode what arrived and re-encode it, so equivalent spellings (%7E vs ~) agree.
 */
export function canonicalUri(rawPath: string, s3: boolean): string {
  if (rawPath === '' || rawPath === '/') return '/';
  if (s3)
    return rawPath
      .split('/')
      .map((seg) => uriEncode(safeDecode(seg)))
      .join('/');
  const out: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const trailing = out.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return uriEncodePath('/' + out.join('/') + trailing);
}

/** The canonical query string: every pair decoded, re-encoded, sorted by key then value; `omit` left out. */
export function canonicalQuery(rawQuery: string, omit?: string): string {
  if (rawQuery === '') return '';
  const pairs: string[][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = uriEncode(safeDecode(eq === -1 ? part : part.slice(0, eq)));
    if (omit !== undefined && k === omit) continue;
    pairs.push([k, eq === -1 ? '' : uriEncode(safeDecode(part.slice(eq + 1)))]);
  }
  if (pairs.length > 1) {
    pairs.sort((a, b) =>
      a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0,
    );
  }
  let s = '';
  for (let i = 0; i < pairs.length; i++) s += (i ? '&' : '') + pairs[i]![0] + '=' + pairs[i]![1];
  return s;
}

const WS_RUN = /\s+/g;
const NEEDS_FOLDING = /\s\s|[^\S ]/;

/** "name:value\n" for each signed header, values trimmed with inner whitespace runs folded to one space. */
export function canonicalHeaders(
  signed: readonly string[],
  headers: Record<string, string | undefined>,
): string {
  let s = '';
  for (const name of signed) {
    // A header record may inherit from Object.prototype (Node's req.headers does): a signed name like
    // `constructor` that was not sent must read as empty, not as the inherited function.
    const raw = headers[name];
    const v = typeof raw === 'string' ? raw.trim() : '';
    s += name + ':' + (NEEDS_FOLDING.test(v) ? v.replace(WS_RUN, ' ') : v) + '\n';
  }
  return s;
}

export function buildCanonicalRequest(
  method: string,
  uri: string,
  query: string,
  signedHeaders: readonly string[],
  headers: Record<string, string | undefined>,
  payloadHash: string,
  /** signedHeaders joined with ';' when the caller has it already (the SignedHeaders text as sent). */
  signedHeadersText = signedHeaders.join(';'),
): string {
  return (
    method +
    '\n' +
    uri +
    '\n' +
    query +
    '\n' +
    canonicalHeaders(signedHeaders, headers) +
    '\n' +
    signedHeadersText +
    '\n' +
    payloadHash
  );
}

export function scopeString(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function buildStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
}
