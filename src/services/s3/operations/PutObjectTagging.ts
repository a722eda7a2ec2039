// PutObjectTagging: replaces the tag set (s3:ExistingObjectTag/… and s3:RequestObjectTag/… in context).
import { defineS3Operation } from '../types.js';
import { noSuchKey } from '../../../wire/s3/errors.js';
import { authorizeObject, existingTagContext, requestTagContext } from '../authz.js';
import { parseTaggingXml, readXmlBody, requireBucket } from '../common.js';
import { S3_KIND, getObject } from '../model.js';

export default defineS3Operation({
  name: 'PutObjectTagging',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    const tags = parseTaggingXml(await readXmlBody(call, 'Tagging', 64 * 1024));
    const o = getObject(call.ctx.env.store, b.name, key);
    authorizeObject(call, b, 's3:PutObjectTagging', key, {
      ...existingTagContext(o?.tags),
      ...requestTagContext(tags),
    });
    if (!o) throw noSuchKey(key);
    const { tags: _old, ...rest } = o;
    await call.ctx.env.store.put({
      kind: S3_KIND.object,
      account: b.name,
      id: key,
      data: Object.keys(tags).length ? { ...rest, tags } : rest,
    });
    return {};
  },
});
