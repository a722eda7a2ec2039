// GetBucketPolicyStatus: whether the bucket policy is public (S3's definition, public-policy.ts).
import { defineS3Operation } from '../types.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';

export default defineS3Operation({
  name: 'GetBucketPolicyStatus',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:GetBucketPolicyStatus');
    const p = call.rt.bucketPolicy(b.name, b.policy);
    if (!p)
      throw s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: b.name });
    return { body: xmlDocument('PolicyStatus', [['IsPublic', p.isPublic]]) };
  },
});
