// UploadPartCopy: a part from (a range of) an existing object; s3:GetObject on the source.
import { defineS3Operation } from '../types.js';
import { noSuchBucket, noSuchKey, s3Error } from '../../../wire/s3/errors.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeObject, existingTagContext } from '../authz.js';
import { evaluateConditions, requireBucket } from '../common.js';
import { getBucket, getObject, type PartRecord } from '../model.js';
import { partNumber, requireUpload } from '../multipart.js';
import { parseCopySource } from '../objects.js';
import { storePart } from './UploadPart.js';

export default defineS3Operation({
  name: 'UploadPartCopy',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    const n = partNumber(call);
    const src = parseCopySource(call.headers['x-amz-copy-source']);
    const sb = getBucket(call.ctx.env.store, src.bucket);
    if (!sb) throw noSuchBucket(src.bucket);
    const so = getObject(call.ctx.env.store, sb.name, src.key);
    authorizeObject(call, sb, 's3:GetObject', src.key, existingTagContext(so?.tags));
    authorizeObject(call, b, 's3:PutObject', key);
    if (!so) throw noSuchKey(src.key);
    const u = requireUpload(call, b.name, key);
    if (evaluateConditions(call.headers, so, 'x-amz-copy-source-') === 304) {
      throw s3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
      );
    }
    let start = 0;
    let end = so.size - 1;
    const range = call.headers['x-amz-copy-source-range'];
    if (range !== undefined) {
      const m = /^bytes=(\d+)-(\d+)$/.exec(range);
      if (!m || Number(m[1]) > Number(m[2]) || Number(m[2]) >= so.size) {
        throw s3Error(
          'InvalidArgument',
          'Range specified is not valid for source object of size: ' + so.size,
          400,
          {
            ArgumentName: 'x-amz-copy-source-range',
            ArgumentValue: range,
          },
        );
      }
      start = Number(m[1]);
      end = Number(m[2]);
    }
    const data = await call.rt.blobs.compose([{ id: so.blob, start, end: Math.max(start, end) }], {
      algorithm: u.checksumAlgorithm,
    });
    const part: PartRecord = {
      partNumber: n,
      size: data.digests.size,
      etag: `"${data.digests.md5.digest('hex')}"`,
      lastModified: call.ctx.now.toISOString(),
      blob: data.id,
      ...(u.checksumAlgorithm && { checksum: data.digests.checksum!.digest() }),
    };
    await storePart(call, b.name, u.uploadId, part);
    return {
      body: xmlDocument('CopyPartResult', [
        ['LastModified', new Date(part.lastModified)],
        ['ETag', part.etag],
      ]),
    };
  },
});
