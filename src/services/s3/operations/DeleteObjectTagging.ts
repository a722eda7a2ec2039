// DeleteObjectTagging: 204.
import { defineS3Operation } from '../types.js';
import { noSuchKey } from '../../../wire/s3/errors.js';
import { authorizeObject, existingTagContext } from '../authz.js';
import { requireBucket } from '../common.js';
import { S3_KIND, getObject } from '../model.js';

export default defineS3Operation({
  name: 'DeleteObjectTagging',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    const o = getObject(call.ctx.env.store, b.name, key);
    authorizeObject(call, b, 's3:DeleteObjectTagging', key, existingTagContext(o?.tags));
    if (!o) throw noSuchKey(key);
    if (o.tags) {
      const { tags: _old, ...rest } = o;
      await call.ctx.env.store.put({ kind: S3_KIND.object, account: b.name, id: key, data: rest });
    }
    return { status: 204 };
  },
});
