// DeleteBucketPolicy: 204 whether or not there was one.
import { defineS3Operation } from '../types.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';
import { BUCKET_SCOPE, S3_KIND } from '../model.js';

export default defineS3Operation({
  name: 'DeleteBucketPolicy',
  readOnly: false,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:DeleteBucketPolicy');
    if (b.policy !== undefined) {
      const { policy: _drop, ...rest } = b;
      await call.ctx.env.store.put({ kind: S3_KIND.bucket, account: BUCKET_SCOPE, id: b.name, data: rest });
      call.rt.bucketPolicy(b.name, undefined);
    }
    return { status: 204 };
  },
});
