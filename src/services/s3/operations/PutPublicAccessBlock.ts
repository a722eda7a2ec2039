// PutPublicAccessBlock: the four switches (absent = false, as S3 stores them).
import { defineS3Operation } from '../types.js';
import { childText, malformedXml } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { readXmlBody, requireBucket } from '../common.js';
import { BUCKET_SCOPE, S3_KIND, type PublicAccessBlock } from '../model.js';

const FIELDS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export default defineS3Operation({
  name: 'PutPublicAccessBlock',
  readOnly: false,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:PutBucketPublicAccessBlock');
    const root = await readXmlBody(call, 'PublicAccessBlockConfiguration', 64 * 1024);
    const pab = {} as PublicAccessBlock;
    for (const f of FIELDS) {
      const v = childText(root, f);
      if (v !== undefined && v !== 'true' && v !== 'false') throw malformedXml();
      pab[f] = v === 'true';
    }
    await call.ctx.env.store.put({
      kind: S3_KIND.bucket,
      account: BUCKET_SCOPE,
      id: b.name,
      data: { ...b, publicAccessBlock: pab },
    });
    return {};
  },
});
