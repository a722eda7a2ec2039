// Multipart uploads: lookups shared by the multipart operations.
import { noSuchUpload, invalidArgument } from '../../wire/s3/errors.js';
import { S3_KIND, partScope, type PartRecord, type UploadRecord } from './model.js';
import type { S3Call } from './types.js';

export const MIN_PART_BYTES = 5 * 1024 * 1024;

export function requireUpload(call: S3Call, bucket: string, key: string): UploadRecord {
  const id = call.query.get('uploadId') ?? '';
  const u = id ? call.ctx.env.store.get<UploadRecord>(S3_KIND.upload, bucket, id)?.data : undefined;
  if (!u || u.key !== key) throw noSuchUpload(id);
  return u;
}

export function partNumber(call: S3Call): number {
  const v = call.query.get('partNumber') ?? '';
  const n = /^\d{1,5}$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= 10000)) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', v);
  }
  return n;
}

export function listParts(call: S3Call, bucket: string, uploadId: string): PartRecord[] {
  return call.ctx.env.store.list<PartRecord>(S3_KIND.part, partScope(bucket, uploadId)).map((r) => r.data);
}
