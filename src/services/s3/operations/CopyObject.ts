// CopyObject: s3:GetObject on the source (its own bucket's owner and policy) and s3:PutObject on the
// destination; x-amz-metadata-directive and x-amz-tagging-directive; x-amz-copy-source-if-* conditions.
import { defineS3Operation } from '../types.js';
import { s3Error, noSuchBucket, noSuchKey } from '../../../wire/s3/errors.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeObject, existingTagContext, requestTagContext } from '../authz.js';
import {
  evaluateConditions,
  objectHeadersFromRequest,
  parseTaggingHeader,
  requireBucket,
} from '../common.js';
import { getBucket, getObject, type ObjectRecord } from '../model.js';
import { checkKey, parseCopySource, putObjectRecord } from '../objects.js';

export default defineS3Operation({
  name: 'CopyObject',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    checkKey(key);
    const src = parseCopySource(call.headers['x-amz-copy-source']);
    const sb = getBucket(call.ctx.env.store, src.bucket);
    if (!sb) throw noSuchBucket(src.bucket);
    const so = getObject(call.ctx.env.store, sb.name, src.key);
    authorizeObject(call, sb, 's3:GetObject', src.key, existingTagContext(so?.tags));
    if (!so) throw noSuchKey(src.key);
    const metaDirective = (call.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase();
    const tagDirective = (call.headers['x-amz-tagging-directive'] ?? 'COPY').toUpperCase();
    for (const [name, v] of [
      ['MetadataDirective', metaDirective],
      ['TaggingDirective', tagDirective],
    ] as const) {
      if (v !== 'COPY' && v !== 'REPLACE') {
        throw s3Error('InvalidArgument', `Unknown ${name.replace('Directive', ' directive')}.`, 400, {
          ArgumentName: name,
          ArgumentValue: v,
        });
      }
    }
    const tags = tagDirective === 'REPLACE' ? parseTaggingHeader(call.headers['x-amz-tagging']) : so.tags;
    authorizeObject(call, b, 's3:PutObject', key, requestTagContext(tags));
    if (sb.name === b.name && src.key === key && metaDirective === 'COPY') {
      throw s3Error(
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    if (evaluateConditions(call.headers, so, 'x-amz-copy-source-') === 304) {
      throw s3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        412,
        {
          Condition: 'x-amz-copy-source-If-None-Match',
        },
      );
    }
    const data = await call.rt.blobs.compose([{ id: so.blob }], { algorithm: so.checksum?.algorithm });
    const headers =
      metaDirective === 'REPLACE'
        ? objectHeadersFromRequest(call)
        : {
            contentType: so.contentType,
            contentEncoding: so.contentEncoding,
            contentDisposition: so.contentDisposition,
            contentLanguage: so.contentLanguage,
            cacheControl: so.cacheControl,
            expires: so.expires,
            metadata: so.metadata,
          };
    const rec: ObjectRecord = {
      ...stripUndefined(headers),
      key,
      size: data.digests.size,
      etag: `"${data.digests.md5.digest('hex')}"`,
      lastModified: call.ctx.now.toISOString(),
      blob: data.id,
      ...(tags && Object.keys(tags).length > 0 && { tags }),
      ...(so.checksum && {
        checksum: {
          algorithm: so.checksum.algorithm,
          value: data.digests.checksum!.digest(),
          type: 'FULL_OBJECT' as const,
        },
      }),
    };
    await putObjectRecord(call, b.name, rec);
    return {
      body: xmlDocument('CopyObjectResult', [
        ['LastModified', new Date(rec.lastModified)],
        ['ETag', rec.etag],
      ]),
    };
  },
});

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
