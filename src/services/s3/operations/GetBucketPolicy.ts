// GetBucketPolicy: the document as it was put.
import { defineS3Operation } from '../types.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';

export default defineS3Operation({
  name: 'GetBucketPolicy',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:GetBucketPolicy');
    if (b.policy === undefined) {
      throw s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: b.name });
    }
    return { headers: { 'content-type': 'application/json' }, body: b.policy };
  },
});
