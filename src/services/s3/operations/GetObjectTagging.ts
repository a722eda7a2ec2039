// GetObjectTagging.
import { defineS3Operation } from '../types.js';
import { noSuchKey } from '../../../wire/s3/errors.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeObject, existingTagContext } from '../authz.js';
import { requireBucket, tagSetXml } from '../common.js';
import { getObject } from '../model.js';

export default defineS3Operation({
  name: 'GetObjectTagging',
  readOnly: true,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    const o = getObject(call.ctx.env.store, b.name, key);
    authorizeObject(call, b, 's3:GetObjectTagging', key, existingTagContext(o?.tags));
    if (!o) throw noSuchKey(key);
    return { body: xmlDocument('Tagging', [tagSetXml(o.tags)]) };
  },
});
