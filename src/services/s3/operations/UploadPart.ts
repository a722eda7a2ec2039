// UploadPart: one part streamed to disk (ETag = its MD5); re-uploading a part number replaces it.
import { defineS3Operation } from '../types.js';
import { checksumHeader } from '../../../wire/s3/checksums.js';
import { authorizeObject } from '../authz.js';
import { ingestBody, requestedChecksum } from '../body.js';
import { requireBucket } from '../common.js';
import { S3_KIND, partId, partScope, type PartRecord } from '../model.js';
import { partNumber, requireUpload } from '../multipart.js';

export default defineS3Operation({
  name: 'UploadPart',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    const n = partNumber(call);
    authorizeObject(call, b, 's3:PutObject', key);
    const u = requireUpload(call, b.name, key);
    const data = await ingestBody(call, requestedChecksum(call) ?? u.checksumAlgorithm);
    const part: PartRecord = {
      partNumber: n,
      size: data.digests.size,
      etag: data.etag,
      lastModified: call.ctx.now.toISOString(),
      blob: data.id,
      ...(data.checksum && { checksum: data.checksum.value }),
    };
    await storePart(call, b.name, u.uploadId, part);
    const headers: Record<string, string> = { etag: part.etag };
    if (data.checksum) headers[checksumHeader(data.checksum.algorithm)] = data.checksum.value;
    return { headers };
  },
});

export async function storePart(
  call: Parameters<typeof requireBucket>[0],
  bucket: string,
  uploadId: string,
  part: PartRecord,
): Promise<void> {
  const store = call.ctx.env.store;
  const scope = partScope(bucket, uploadId);
  const old = store.get<PartRecord>(S3_KIND.part, scope, partId(part.partNumber))?.data;
  await store.put({ kind: S3_KIND.part, account: scope, id: partId(part.partNumber), data: part });
  if (old) await call.rt.blobs.remove(old.blob);
}
