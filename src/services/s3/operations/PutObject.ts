// PutObject: streamed to disk through the digests (ETag = MD5, x-amz-checksum-*), tags from x-amz-tagging,
// If-None-Match: * as a conditional create.
import { defineS3Operation } from '../types.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { checksumHeader } from '../../../wire/s3/checksums.js';
import { authorizeObject, requestTagContext } from '../authz.js';
import { ingestBody } from '../body.js';
import { objectHeadersFromRequest, parseTaggingHeader, requireBucket } from '../common.js';
import { getObject, type ObjectRecord } from '../model.js';
import { checkKey, putObjectRecord } from '../objects.js';

export default defineS3Operation({
  name: 'PutObject',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    checkKey(key);
    const tags = parseTaggingHeader(call.headers['x-amz-tagging']);
    authorizeObject(call, b, 's3:PutObject', key, requestTagContext(tags));
    if (tags) authorizeObject(call, b, 's3:PutObjectTagging', key, requestTagContext(tags));
    const headers = objectHeadersFromRequest(call);
    const ifNoneMatch = call.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch !== '*') {
      throw s3Error(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        501,
        {
          Header: 'If-None-Match',
        },
      );
    }
    const data = await ingestBody(call);
    if (ifNoneMatch === '*' && getObject(call.ctx.env.store, b.name, key)) {
      await call.rt.blobs.remove(data.id);
      throw s3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
        {
          Condition: 'If-None-Match',
        },
      );
    }
    const rec: ObjectRecord = {
      ...headers,
      key,
      size: data.digests.size,
      etag: data.etag,
      lastModified: call.ctx.now.toISOString(),
      blob: data.id,
      ...(tags && Object.keys(tags).length > 0 && { tags }),
      ...(data.checksum && { checksum: { ...data.checksum, type: 'FULL_OBJECT' as const } }),
    };
    await putObjectRecord(call, b.name, rec);
    const out: Record<string, string> = { etag: rec.etag };
    if (data.checksum) {
      out[checksumHeader(data.checksum.algorithm)] = data.checksum.value;
      out['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    return { headers: out };
  },
});
