// CreateBucket: name rules, LocationConstraint against the endpoint's region, and the global namespace
// (BucketAlreadyOwnedByYou in the owner's account outside us-east-1, where S3 answers 200 instead;
// BucketAlreadyExists for anyone else).
import { defineS3Operation } from '../types.js';
import { ConflictError } from '../../../store/index.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { childText, parseXml, malformedXml } from '../../../wire/s3/xml.js';
import { authorizeS3, s3Check } from '../authz.js';
import { invalidBucketName, isValidBucketName } from '../bucket-names.js';
import { readSmallBody } from '../common.js';
import { BUCKET_SCOPE, S3_KIND, getBucket, type BucketRecord } from '../model.js';

export default defineS3Operation({
  name: 'CreateBucket',
  readOnly: false,
  dataEvent: false,
  async handler(call) {
    const name = call.bucket!;
    const region = call.ctx.region;
    const body = await readSmallBody(call, 64 * 1024);
    let constraint: string | undefined;
    if (body.length > 0) {
      const root = parseXml(body.toString('utf8'));
      if (root.name !== 'CreateBucketConfiguration') throw malformedXml();
      constraint = childText(root, 'LocationConstraint') || undefined;
    }
    if (!isValidBucketName(name)) throw invalidBucketName(name);
    authorizeS3(call, s3Check(call, undefined, name, 's3:CreateBucket'));
    if (constraint === undefined && region !== 'us-east-1') {
      throw s3Error(
        'IllegalLocationConstraintException',
        'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      );
    }
    if (constraint === 'us-east-1') {
      throw s3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
        LocationConstraint: constraint,
      });
    }
    if (constraint !== undefined && constraint !== region) {
      throw s3Error(
        'IllegalLocationConstraintException',
        `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      );
    }
    const owner = call.ctx.caller.accountId;
    const existing = getBucket(call.ctx.env.store, name);
    if (existing) return answerExisting(existing, owner, region, name);
    const rec: BucketRecord = {
      name,
      owner,
      region: constraint ?? 'us-east-1',
      created: call.ctx.now.toISOString(),
      // New buckets block public access by default (since April 2023).
      publicAccessBlock: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    };
    try {
      await call.ctx.env.store.put(
        { kind: S3_KIND.bucket, account: BUCKET_SCOPE, id: name, data: rec },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError) {
        const now = getBucket(call.ctx.env.store, name);
        if (now) return answerExisting(now, owner, region, name);
      }
      throw e;
    }
    return { headers: { location: `/${name}` } };
  },
});

function answerExisting(existing: BucketRecord, owner: string, region: string, name: string) {
  if (existing.owner === owner) {
    if (region === 'us-east-1' && existing.region === 'us-east-1')
      return { headers: { location: `/${name}` } };
    throw s3Error(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      {
        BucketName: name,
      },
    );
  }
  throw s3Error(
    'BucketAlreadyExists',
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    409,
    { BucketName: name },
  );
}
