// GetPublicAccessBlock.
import { defineS3Operation } from '../types.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';

export default defineS3Operation({
  name: 'GetPublicAccessBlock',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:GetBucketPublicAccessBlock');
    const p = b.publicAccessBlock;
    if (!p) {
      throw s3Error(
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
        404,
        {
          BucketName: b.name,
        },
      );
    }
    return {
      body: xmlDocument('PublicAccessBlockConfiguration', [
        ['BlockPublicAcls', p.BlockPublicAcls],
        ['IgnorePublicAcls', p.IgnorePublicAcls],
        ['BlockPublicPolicy', p.BlockPublicPolicy],
        ['RestrictPublicBuckets', p.RestrictPublicBuckets],
      ]),
    };
  },
});
