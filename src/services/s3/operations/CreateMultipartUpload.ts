// CreateMultipartUpload: records the upload with the object's headers, tags and checksum algorithm.
import { defineS3Operation } from '../types.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeObject, requestTagContext } from '../authz.js';
import { requestedChecksum } from '../body.js';
import { objectHeadersFromRequest, parseTaggingHeader, readSmallBody, requireBucket } from '../common.js';
import { S3_KIND, type UploadRecord } from '../model.js';
import { checkKey, newUploadId } from '../objects.js';

export default defineS3Operation({
  name: 'CreateMultipartUpload',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    checkKey(key);
    const tags = parseTaggingHeader(call.headers['x-amz-tagging']);
    authorizeObject(call, b, 's3:PutObject', key, requestTagContext(tags));
    await readSmallBody(call, 64 * 1024);
    const alg = requestedChecksum(call);
    const caller = call.ctx.caller;
    const u: UploadRecord = {
      ...objectHeadersFromRequest(call),
      uploadId: newUploadId(),
      key,
      initiated: call.ctx.now.toISOString(),
      initiatorArn: caller.arn || 'anonymous',
      initiatorId: caller.userId,
      owner: b.owner,
      ...(tags && Object.keys(tags).length > 0 && { tags }),
      ...(alg && { checksumAlgorithm: alg }),
    };
    await call.ctx.env.store.put(
      { kind: S3_KIND.upload, account: b.name, id: u.uploadId, data: u },
      { ifAbsent: true },
    );
    return {
      headers: alg
        ? { 'x-amz-checksum-algorithm': alg, 'x-amz-checksum-type': 'COMPOSITE' }
        : ({} as Record<string, string>),
      body: xmlDocument('InitiateMultipartUploadResult', [
        ['Bucket', b.name],
        ['Key', key],
        ['UploadId', u.uploadId],
      ]),
    };
  },
});
