// DeletePublicAccessBlock: authorized as s3:PutBucketPublicAccessBlock, as S3 does.
import { defineS3Operation } from '../types.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';
import { BUCKET_SCOPE, S3_KIND } from '../model.js';

export default defineS3Operation({
  name: 'DeletePublicAccessBlock',
  readOnly: false,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:PutBucketPublicAccessBlock');
    if (b.publicAccessBlock) {
      const { publicAccessBlock: _drop, ...rest } = b;
      await call.ctx.env.store.put({ kind: S3_KIND.bucket, account: BUCKET_SCOPE, id: b.name, data: rest });
    }
    return { status: 204 };
  },
});
