// AbortMultipartUpload: drops the upload and its parts; 204.
import { defineS3Operation } from '../types.js';
import { authorizeObject } from '../authz.js';
import { requireBucket } from '../common.js';
import { requireUpload } from '../multipart.js';
import { dropUpload } from './CompleteMultipartUpload.js';

export default defineS3Operation({
  name: 'AbortMultipartUpload',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    authorizeObject(call, b, 's3:AbortMultipartUpload', call.key!);
    const u = requireUpload(call, b.name, call.key!);
    await dropUpload(call, b.name, u.uploadId);
    return { status: 204 };
  },
});
