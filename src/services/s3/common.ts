// Helpers shared by the S3 operations: the bucket lookup, small XML bodies, object headers in and out,
// tags, conditional requests and byte ranges, as S3 defines them.
import { createHash } from 'node:crypto';
import { AwsError } from '../../wire/errors.js';
import { s3Error, noSuchBucket, invalidArgument } from '../../wire/s3/errors.js';
import {
  parseXml,
  childrenNamed,
  childText,
  child,
  malformedXml,
  type XmlElement,
} from '../../wire/s3/xml.js';
import { checksumHeader } from '../../wire/s3/checksums.js';
import { getBucket, type BucketRecord, type ObjectHeaders, type ObjectRecord } from './model.js';
import type { S3Call } from './types.js';

export function requireBucket(call: S3Call): BucketRecord {
  const b = getBucket(call.ctx.env.store, call.bucket!);
  if (!b) throw noSuchBucket(call.bucket!);
  return b;
}

/** Reads a small request document (policies, tag sets, delete lists), bounded, checking its hashes. */
export async function readSmallBody(call: S3Call, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of call.body.stream as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > limit) throw s3Error('MaxMessageLengthExceeded', 'Your request was too big.');
    chunks.push(c);
  }
  const buf = Buffer.concat(chunks, size);
  const want = call.body.expectedSha256;
  if (want !== undefined && createHash('sha256').update(buf).digest('hex') !== want) {
    throw s3Error(
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const md5 = call.headers['content-md5'];
  if (md5 !== undefined && createHash('md5').update(buf).digest('base64') !== md5) {
    throw s3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  return buf;
}

export async function readXmlBody(call: S3Call, rootName: string, limit?: number): Promise<XmlElement> {
  const buf = await readSmallBody(call, limit);
  if (buf.length === 0) throw malformedXml();
  const root = parseXml(buf.toString('utf8'));
  if (root.name !== rootName) throw malformedXml();
  return root;
}

export function objectHeadersFromRequest(call: S3Call): ObjectHeaders {
  const h = call.headers;
  const metadata: Record<string, string> = {};
  let metaSize = 0;
  for (const [k, v] of Object.entries(h)) {
    if (!k.startsWith('x-amz-meta-') || v === undefined) continue;
    const name = k.slice('x-amz-meta-'.length);
    metadata[name] = v;
    metaSize += name.length + v.length;
  }
  if (metaSize > 2048) {
    throw s3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, {
      Size: String(metaSize),
      MaxSizeAllowed: '2048',
    });
  }
  const out: ObjectHeaders = {};
  if (h['content-type'] !== undefined) out.contentType = h['content-type'];
  if (h['content-encoding'] !== undefined) {
    // aws-chunked is a transfer detail, not stored (S3 drops it).
    const enc = h['content-encoding']
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && s !== 'aws-chunked')
      .join(',');
    if (enc) out.contentEncoding = enc;
  }
  if (h['content-disposition'] !== undefined) out.contentDisposition = h['content-disposition'];
  if (h['content-language'] !== undefined) out.contentLanguage = h['content-language'];
  if (h['cache-control'] !== undefined) out.cacheControl = h['cache-control'];
  if (h['expires'] !== undefined) out.expires = h['expires'];
  if (Object.keys(metadata).length) out.metadata = metadata;
  return out;
}

export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** The headers GetObject / HeadObject answer with (Content-Length is set by the caller). */
export function objectResponseHeaders(call: S3Call, o: ObjectRecord): Record<string, string> {
  const h: Record<string, string> = {
    etag: o.etag,
    'last-modified': httpDate(o.lastModified),
    'accept-ranges': 'bytes',
    'content-type': o.contentType ?? 'binary/octet-stream',
  };
  if (o.contentEncoding) h['content-encoding'] = o.contentEncoding;
  if (o.contentDisposition) h['content-disposition'] = o.contentDisposition;
  if (o.contentLanguage) h['content-language'] = o.contentLanguage;
  if (o.cacheControl) h['cache-control'] = o.cacheControl;
  if (o.expires) h['expires'] = o.expires;
  for (const [k, v] of Object.entries(o.metadata ?? {})) h[`x-amz-meta-${k}`] = v;
  const tagCount = Object.keys(o.tags ?? {}).length;
  if (tagCount) h['x-amz-tagging-count'] = String(tagCount);
  if (o.partsCount) h['x-amz-mp-parts-count'] = String(o.partsCount);
  if (o.checksum && call.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') {
    h[checksumHeader(o.checksum.algorithm)] = o.checksum.value;
    h['x-amz-checksum-type'] = o.checksum.type ?? 'FULL_OBJECT';
  }
  // response-* query parameters override (signed requests only, as S3 requires).
  for (const [q, name] of RESPONSE_OVERRIDES) {
    const v = call.query.get(q);
    if (v !== null) {
      if (call.ctx.caller.type === 'Unknown') {
        throw invalidRequest('Request specific response headers cannot be used for anonymous GET requests.');
      }
      h[name] = v;
    }
  }
  return h;
}

const RESPONSE_OVERRIDES: [string, string][] = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
];

function invalidRequest(message: string): AwsError {
  return s3Error('InvalidRequest', message);
}

function invalidTag(message: string): AwsError {
  return s3Error('InvalidTag', message);
}

function checkTags(tags: Record<string, string>, count: number): Record<string, string> {
  if (count > 10) throw s3Error('BadRequest', 'Object tags cannot be greater than 10');
  for (const [k, v] of Object.entries(tags)) {
    if (k.length === 0 || k.length > 128)
      throw invalidTag('The TagKey you have provided is too long, max 128');
    if (v.length > 256) throw invalidTag('The TagValue you have provided is too long, max 256');
  }
  return tags;
}

/** x-amz-tagging: a URL query string of tags. */
export function parseTaggingHeader(v: string | undefined): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  const tags: Record<string, string> = {};
  let n = 0;
  for (const [k, val] of new URLSearchParams(v)) {
    if (k in tags) throw invalidTag('Cannot provide multiple Tags with the same key');
    tags[k] = val;
    n++;
  }
  return checkTags(tags, n);
}

/** <Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging> */
export function parseTaggingXml(root: XmlElement): Record<string, string> {
  const set = child(root, 'TagSet');
  if (!set) throw malformedXml();
  const tags: Record<string, string> = {};
  const list = childrenNamed(set, 'Tag');
  for (const t of list) {
    const k = childText(t, 'Key');
    const v = childText(t, 'Value');
    if (k === undefined || v === undefined) throw malformedXml();
    if (k in tags) throw invalidTag('Cannot provide multiple Tags with the same key');
    tags[k] = v;
  }
  return checkTags(tags, list.length);
}

export function tagSetXml(
  tags: Record<string, string> | undefined,
): [string, [string, [string, string][]][]] {
  return [
    'TagSet',
    Object.entries(tags ?? {}).map(([k, v]) => [
      'Tag',
      [
        ['Key', k],
        ['Value', v],
      ],
    ]),
  ];
}

function etagMatches(list: string, etag: string): boolean {
  return list.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s === etag || `"${s}"` === etag;
  });
}

function preconditionFailed(condition: string): AwsError {
  return s3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: condition,
  });
}

/**
 * RFC 7232 as S3 applies it: If-Match / If-Unmodified-Since fail with 412; If-None-Match /
 * If-Modified-Since give 304 (for GET and HEAD). If-Match true overrides a false If-Unmodified-Since, and
 * If-None-Match false overrides a true If-Modified-Since. Returns 304 or undefined.
 */
export function evaluateConditions(
  h: Record<string, string | undefined>,
  o: ObjectRecord,
  prefix = '',
): 304 | undefined {
  const ifMatch = h[`${prefix}if-match`];
  const ifNoneMatch = h[`${prefix}if-none-match`];
  const ifModifiedSince = h[`${prefix}if-modified-since`];
  const ifUnmodifiedSince = h[`${prefix}if-unmodified-since`];
  const modified = Math.floor(Date.parse(o.lastModified) / 1000) * 1000;
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, o.etag)) throw preconditionFailed(prefix ? `${prefix}If-Match` : 'If-Match');
  } else if (ifUnmodifiedSince !== undefined) {
    const t = Date.parse(ifUnmodifiedSince);
    if (!Number.isNaN(t) && modified > t) throw preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, o.etag)) return 304;
  } else if (ifModifiedSince !== undefined) {
    const t = Date.parse(ifModifiedSince);
    if (!Number.isNaN(t) && modified <= t) return 304;
  }
  return undefined;
}

/** A single byte range (S3 serves one), or undefined for the whole object; 416 InvalidRange when unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // S3 ignores malformed ranges
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) throw invalidRange(size, header);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(size, header);
  return { start, end };
}

function invalidRange(size: number, requested: string): AwsError {
  return s3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
    RangeRequested: requested,
    ActualObjectSize: String(size),
  });
}

export function maxKeys(call: S3Call, name = 'max-keys'): number {
  const v = call.query.get(name);
  if (v === null) return 1000;
  if (!/^-?\d+$/.test(v))
    throw invalidArgument('Provided max-keys not an integer or within integer range', name, v);
  const n = Number(v);
  if (n < 0) throw invalidArgument('Argument maxKeys must be an integer between 0 and 2147483647', name, v);
  return Math.min(n, 1000);
}

/** encoding-type=url: keys and prefixes in the answer are URL-encoded (form style, as S3 does). */
export function keyEncoder(call: S3Call): (s: string) => string {
  const t = call.query.get('encoding-type');
  if (t === null) return (s) => s;
  if (t !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', t);
  return (s) =>
    encodeURIComponent(s)
      .replace(/%2F/g, '/')
      .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
