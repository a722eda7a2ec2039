// DeleteBucket: only when empty (no objects, no multipart uploads in progress).
import { defineS3Operation } from '../types.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';
import { BUCKET_SCOPE, S3_KIND } from '../model.js';

export default defineS3Operation({
  name: 'DeleteBucket',
  readOnly: false,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:DeleteBucket');
    const store = call.ctx.env.store;
    if (store.list(S3_KIND.object, b.name).length > 0 || store.list(S3_KIND.upload, b.name).length > 0) {
      throw s3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
        BucketName: b.name,
      });
    }
    await store.delete(S3_KIND.bucket, BUCKET_SCOPE, b.name);
    call.rt.bucketPolicy(b.name, undefined);
    return { status: 204 };
  },
});
