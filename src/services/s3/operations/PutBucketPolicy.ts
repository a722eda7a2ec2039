// PutBucketPolicy: validated by the engine's parser as a resource policy (MalformedPolicy with its
// reason), at most 20 KB, refused when public while BlockPublicPolicy is on.
import { defineS3Operation } from '../types.js';
import { MalformedPolicyError, parsePolicy } from '../../../policy/parse/index.js';
import { AwsError } from '../../../wire/errors.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { authorizeBucket, s3Arn } from '../authz.js';
import { readSmallBody, requireBucket } from '../common.js';
import { isPublicPolicy } from '../public-policy.js';
import { BUCKET_SCOPE, S3_KIND } from '../model.js';

const MAX_POLICY_BYTES = 20 * 1024;

export default defineS3Operation({
  name: 'PutBucketPolicy',
  readOnly: false,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:PutBucketPolicy');
    const body = await readSmallBody(call, 1024 * 1024);
    if (body.length > MAX_POLICY_BYTES)
      throw s3Error('PolicyTooLarge', 'Policy exceeds the maximum allowed document size.');
    const text = body.toString('utf8');
    let doc;
    try {
      doc = parsePolicy(text, 'resource');
    } catch (e) {
      if (e instanceof MalformedPolicyError) throw s3Error('MalformedPolicy', e.message);
      throw e;
    }
    for (const st of doc.statements) {
      if (!st.principal && !st.notPrincipal)
        throw s3Error('MalformedPolicy', 'Missing required field Principal');
      for (const r of st.resource ?? st.notResource ?? []) {
        if (r !== '*' && !r.startsWith(`arn:aws:s3:::${b.name}`) && !r.startsWith('arn:aws:s3:::*')) {
          throw s3Error('MalformedPolicy', 'Policy has invalid resource');
        }
      }
    }
    if (b.publicAccessBlock?.BlockPublicPolicy && isPublicPolicy(doc)) {
      throw new AwsError(
        'AccessDenied',
        `User: ${call.ctx.caller.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${s3Arn(b.name)}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
        { status: 403 },
      );
    }
    await call.ctx.env.store.put({
      kind: S3_KIND.bucket,
      account: BUCKET_SCOPE,
      id: b.name,
      data: { ...b, policy: text },
    });
    return { status: 204 };
  },
});
