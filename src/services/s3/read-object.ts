// GetObject and HeadObject: authorization (with s3:ExistingObjectTag/…), NoSuchKey only for callers who may
// list the bucket (AccessDenied otherwise, as S3 hides what exists), conditions, ranges.
import { noSuchKey } from '../../wire/s3/errors.js';
import { authorizeObject, existingTagContext, isAllowed, s3Check } from './authz.js';
import { evaluateConditions, objectResponseHeaders, parseRange, requireBucket, httpDate } from './common.js';
import { getObject } from './model.js';
import { openObject } from './objects.js';
import type { S3Call, S3Result } from './types.js';

export async function readObject(call: S3Call, withBody: boolean): Promise<S3Result> {
  const b = requireBucket(call);
  const key = call.key!;
  const o = getObject(call.ctx.env.store, b.name, key);
  authorizeObject(call, b, 's3:GetObject', key, existingTagContext(o?.tags));
  if (!o) {
    if (!isAllowed(call, s3Check(call, b, b.name, 's3:ListBucket')))
      authorizeObject(call, b, 's3:ListBucket', key);
    throw noSuchKey(key);
  }
  if (evaluateConditions(call.headers, o) === 304) {
    return { status: 304, headers: { etag: o.etag, 'last-modified': httpDate(o.lastModified) } };
  }
  const range = parseRange(call.headers['range'], o.size);
  const headers = objectResponseHeaders(call, o);
  const length = range ? range.end - range.start + 1 : o.size;
  headers['content-length'] = String(length);
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${o.size}`;
    // A whole-object checksum does not describe a range: S3 leaves it out.
    for (const k of Object.keys(headers)) if (k.startsWith('x-amz-checksum-')) delete headers[k];
  }
  const status = range ? 206 : 200;
  if (!withBody || length === 0) return { status, headers };
  const opened = await openObject(call, b.name, o, range);
  if (!opened) throw noSuchKey(key);
  return { status, headers, body: opened.stream };
}
