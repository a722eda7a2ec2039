// S3 authorization: the caller's identity policies plus the bucket policy as the resource policy, with the
// bucket owner as the resource account (the engine applies AWS's same-account / cross-account rules), the
// S3 request-context keys, and Block Public Access's RestrictPublicBuckets.
import { accessDeniedMessage } from '../../policy/index.js';
import { AwsError } from '../../wire/errors.js';
import type { AuthzCheck } from '../types.js';
import type { BucketRecord } from './model.js';
import type { S3Call } from './types.js';

export type ContextExtra = AuthzCheck['context'];

export function s3Arn(bucket: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
}

/** The condition keys every S3 request carries. */
function baseContext(call: S3Call, bucket: BucketRecord | undefined): NonNullable<ContextExtra> {
  const c: NonNullable<ContextExtra> = {};
  if (call.auth.authType) {
    c['s3:authType'] = call.auth.authType;
    c['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
    if (call.auth.signedAt !== undefined) c['s3:signatureAge'] = Math.max(0, Date.now() - call.auth.signedAt);
  }
  if (bucket) c['s3:ResourceAccount'] = bucket.owner;
  const acl = call.headers['x-amz-acl'];
  if (acl !== undefined) c['s3:x-amz-acl'] = acl;
  const sha = call.headers['x-amz-content-sha256'];
  if (sha !== undefined) c['s3:x-amz-content-sha256'] = sha;
  return c;
}

/** Builds the check for `action` on the bucket (key undefined) or one of its objects. */
export function s3Check(
  call: S3Call,
  bucket: BucketRecord | undefined,
  bucketName: string,
  action: string,
  key?: string,
  extra?: ContextExtra,
): AuthzCheck {
  const context = { ...baseContext(call, bucket), ...extra };
  let resourcePolicy;
  if (bucket?.policy !== undefined) {
    const p = call.rt.bucketPolicy(bucket.name, bucket.policy);
    const caller = call.ctx.caller;
    // RestrictPublicBuckets: a public policy grants only to the owner's account (and AWS services).
    const restricted =
      p?.isPublic === true &&
      bucket.publicAccessBlock?.RestrictPublicBuckets === true &&
      (caller.type === 'Unknown' || caller.accountId !== bucket.owner);
    if (p && !restricted) resourcePolicy = p.compiled;
  }
  return {
    action,
    resource: s3Arn(bucketName, key),
    resourceAccount: bucket?.owner ?? call.ctx.caller.accountId,
    context,
    ...(resourcePolicy && { resourcePolicy }),
  };
}

export function isAllowed(call: S3Call, check: AuthzCheck): boolean {
  return call.rt.decide(call.ctx, check).allowed;
}

/** Authorizes or throws S3's AccessDenied (with IAM's explanation for signed callers, as S3 now gives). */
export function authorizeS3(call: S3Call, check: AuthzCheck): void {
  const d = call.rt.decide(call.ctx, check);
  if (d.allowed) return;
  const caller = call.ctx.caller;
  const message =
    caller.type === 'Unknown'
      ? 'Access Denied'
      : accessDeniedMessage(d, {
          principalArn: caller.arn,
          action: check.action,
          resource: `"${check.resource}"`,
        });
  throw new AwsError('AccessDenied', message, { status: 403 });
}

export function authorizeBucket(
  call: S3Call,
  bucket: BucketRecord,
  action: string,
  extra?: ContextExtra,
): void {
  authorizeS3(call, s3Check(call, bucket, bucket.name, action, undefined, extra));
}

export function authorizeObject(
  call: S3Call,
  bucket: BucketRecord,
  action: string,
  key: string,
  extra?: ContextExtra,
): void {
  authorizeS3(call, s3Check(call, bucket, bucket.name, action, key, extra));
}

/** s3:ExistingObjectTag/<k> for every tag of an object. */
export function existingTagContext(tags: Record<string, string> | undefined): NonNullable<ContextExtra> {
  const c: NonNullable<ContextExtra> = {};
  for (const [k, v] of Object.entries(tags ?? {})) c[`s3:ExistingObjectTag/${k}`] = v;
  return c;
}

/** s3:RequestObjectTag/<k> and s3:RequestObjectTagKeys for the tags a request sets. */
export function requestTagContext(tags: Record<string, string> | undefined): NonNullable<ContextExtra> {
  const c: NonNullable<ContextExtra> = {};
  if (!tags) return c;
  for (const [k, v] of Object.entries(tags)) c[`s3:RequestObjectTag/${k}`] = v;
  c['s3:RequestObjectTagKeys'] = Object.keys(tags);
  return c;
}
