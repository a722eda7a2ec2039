// DeleteObject: 204 whether or not the key existed.
import { defineS3Operation } from '../types.js';
import { authorizeObject } from '../authz.js';
import { requireBucket } from '../common.js';
import { deleteObjectRecord } from '../objects.js';

export default defineS3Operation({
  name: 'DeleteObject',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    authorizeObject(call, b, 's3:DeleteObject', call.key!);
    await deleteObjectRecord(call, b.name, call.key!);
    return { status: 204 };
  },
});
