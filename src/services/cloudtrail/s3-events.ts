// S3 requests in the audit trail, as CloudTrail shows them: object reads and writes are data events
// (eventCategory Data), bucket-level calls management events; the bucket owner's trail gets a copy when the
// caller is from another account, so "who read this object, through which chain" is answerable in the
// account that owns the data.
import type { S3Outcome } from '../s3/runtime.js';
import { AwsError } from '../../wire/errors.js';
import type { AuditRecorder } from './recorder.js';

export function recordS3Outcome(audit: AuditRecorder, o: S3Outcome, region: string): void {
  if (!o.operation) return; // not an S3 operation at all (refused before routing): nothing to name
  // Anonymous callers have no account of their own: the record goes to the bucket owner only.
  const account = o.caller.accountId || o.bucketOwner;
  if (!account) return;
  const caller = o.caller.accountId ? o.caller : { ...o.caller, accountId: account };
  const requestParameters: Record<string, unknown> = {};
  if (o.bucket !== undefined) requestParameters.bucketName = o.bucket;
  requestParameters.Host =
    o.bucket !== undefined ? `${o.bucket}.s3.${region}.amazonaws.com` : `s3.${region}.amazonaws.com`;
  if (o.key !== undefined) requestParameters.key = o.key;
  const resources: { type: string; ARN: string; accountId?: string }[] = [];
  if (o.bucket !== undefined && o.key !== undefined)
    resources.push({ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${o.bucket}/${o.key}` });
  if (o.bucket !== undefined)
    resources.push({
      type: 'AWS::S3::Bucket',
      ARN: `arn:aws:s3:::${o.bucket}`,
      ...(o.bucketOwner && { accountId: o.bucketOwner }),
    });
  audit.dataEvent({
    eventSource: 's3.amazonaws.com',
    eventName: o.operation,
    caller,
    region,
    sourceIp: o.sourceIp,
    userAgent: o.userAgent,
    requestId: o.requestId,
    readOnly: o.readOnly,
    requestParameters,
    responseElements: null,
    additionalEventData: {
      SignatureVersion: 'SigV4',
      AuthenticationMethod: o.authType === 'REST-QUERY-STRING' ? 'QueryString' : 'AuthHeader',
      ...(o.bytesOut !== undefined && { bytesTransferredOut: o.bytesOut }),
    },
    resources,
    ...(o.errorCode && { error: new AwsError(o.errorCode, o.errorMessage ?? '') }),
    ...(o.bucketOwner && o.bucketOwner !== account && { resourceAccount: o.bucketOwner }),
    time: o.time,
    management: !o.dataEvent,
  });
}
