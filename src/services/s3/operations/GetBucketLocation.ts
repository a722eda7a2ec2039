// GetBucketLocation: empty for us-east-1, as S3 answers.
import { defineS3Operation } from '../types.js';
import { S3_XMLNS, XML_DECL } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { requireBucket } from '../common.js';

export default defineS3Operation({
  name: 'GetBucketLocation',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:GetBucketLocation');
    const region = b.region === 'us-east-1' ? '' : b.region;
    return { body: `${XML_DECL}<LocationConstraint xmlns="${S3_XMLNS}">${region}</LocationConstraint>` };
  },
});
