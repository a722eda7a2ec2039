// HeadBucket: 200 with the bucket's region, 404 or 403 without a body (it is a HEAD).
import { defineS3Operation } from '../types.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';

export default defineS3Operation({
  name: 'HeadBucket',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:ListBucket');
    return { headers: { 'x-amz-bucket-region': b.region, 'x-amz-access-point-alias': 'false' } };
  },
});
