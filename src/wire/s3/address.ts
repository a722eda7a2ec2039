// Where an S3 request points: virtual-hosted style (Host: bucket.localhost[:port], bucket.s3.localhost)
// or path style (/bucket/key). The key is the rest of the path, percent-decoded once, as S3 does.
import { safeDecode } from '../sigv4/encoding.js';

export interface S3Address {
  bucket?: string;
  key?: string;
  virtualHost: boolean;
}

/** The bucket a Host header names, if it is virtual-hosted style (…​.localhost or …​.s3.<domain>). */
export function bucketFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  let h = host.toLowerCase();
  if (h.startsWith('[')) return undefined; // IPv6 literal
  const colon = h.lastIndexOf(':');
  if (colon >= 0) h = h.slice(0, colon);
  if (/^[\d.]+$/.test(h)) return undefined; // IPv4 literal
  let prefix: string | undefined;
  if (h.endsWith('.localhost')) prefix = h.slice(0, -'.localhost'.length);
  else {
    const i = h.indexOf('.s3.');
    if (i > 0) prefix = h.slice(0, i);
  }
  if (!prefix) return undefined;
  if (prefix.endsWith('.s3')) prefix = prefix.slice(0, -3);
  return prefix || undefined;
}

export function s3Address(host: string | undefined, rawPath: string): S3Address {
  const vhost = bucketFromHost(host);
  if (vhost !== undefined) {
    const key = rawPath.length > 1 ? safeDecode(rawPath.slice(1)) : undefined;
    return { bucket: vhost, key, virtualHost: true };
  }
  if (rawPath === '/' || rawPath === '') return { virtualHost: false };
  const rest = rawPath.slice(1);
  const slash = rest.indexOf('/');
  if (slash < 0) return { bucket: safeDecode(rest), virtualHost: false };
  const key = rest.slice(slash + 1);
  return {
    bucket: safeDecode(rest.slice(0, slash)),
    key: key === '' ? undefined : safeDecode(key),
    virtualHost: false,
  };
}
