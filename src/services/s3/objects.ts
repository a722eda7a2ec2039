// Writing and removing object records: the new record is stored first, then the blob it replaced is
// removed, so a crash in between leaves at worst an unreferenced file, never a record without data.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { s3Error } from '../../wire/s3/errors.js';
import { S3_KIND, getObject, type ObjectRecord } from './model.js';
import type { S3Call } from './types.js';

export async function putObjectRecord(call: S3Call, bucket: string, rec: ObjectRecord): Promise<void> {
  const store = call.ctx.env.store;
  const old = getObject(store, bucket, rec.key);
  await store.put({ kind: S3_KIND.object, account: bucket, id: rec.key, data: rec });
  if (old && old.blob !== rec.blob) await call.rt.blobs.remove(old.blob);
}

export async function deleteObjectRecord(call: S3Call, bucket: string, key: string): Promise<boolean> {
  const store = call.ctx.env.store;
  const old = getObject(store, bucket, key);
  if (!old) return false;
  await store.delete(S3_KIND.object, bucket, key);
  await call.rt.blobs.remove(old.blob);
  return true;
}

/** Opens an object's data, re-reading the record once if an overwrite removed the file meanwhile. */
export async function openObject(
  call: S3Call,
  bucket: string,
  o: ObjectRecord,
  range?: { start: number; end: number },
): Promise<{ o: ObjectRecord; stream: Readable } | undefined> {
  let cur: ObjectRecord | undefined = o;
  for (let attempt = 0; attempt < 3 && cur; attempt++) {
    const stream = await call.rt.blobs.openRead(cur.blob, range?.start, range?.end);
    if (stream) return { o: cur, stream };
    cur = getObject(call.ctx.env.store, bucket, o.key);
  }
  return undefined;
}

export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > 1024) {
    throw s3Error('KeyTooLongError', 'Your key is too long', 400, {
      MaxSizeAllowed: '1024',
      Size: String(Buffer.byteLength(key)),
    });
  }
}

export function newUploadId(): string {
  return randomBytes(48).toString('base64url');
}

/** x-amz-copy-source: "[/]bucket/key[?versionId=…]", URL-encoded. */
export function parseCopySource(v: string | undefined): { bucket: string; key: string } {
  if (v === undefined)
    throw s3Error(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    );
  let s = v;
  const q = s.indexOf('?');
  if (q >= 0) s = s.slice(0, q);
  try {
    s = decodeURIComponent(s);
  } catch {
    throw s3Error('InvalidArgument', 'Invalid copy source encoding');
  }
  if (s.startsWith('/')) s = s.slice(1);
  const slash = s.indexOf('/');
  if (slash <= 0 || slash === s.length - 1) {
    throw s3Error(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      400,
      {
        ArgumentName: 'x-amz-copy-source',
        ArgumentValue: v,
      },
    );
  }
  return { bucket: s.slice(0, slash), key: s.slice(slash + 1) };
}
