// Which S3 operation a request is: method, whether a bucket and a key are addressed, and the
// sub-resource in the query string (?policy, ?uploads, ?tagging, …), as S3's REST API defines them.
// Returns the operation name, or an error naming what is not implemented.
import { s3Error, methodNotAllowed } from '../../wire/s3/errors.js';
import type { AwsError } from '../../wire/errors.js';

/** Sub-resources S3 has that rolechain does not implement: NotImplemented rather than a wrong answer. */
const UNSUPPORTED = [
  'acl',
  'cors',
  'encryption',
  'lifecycle',
  'logging',
  'notification',
  'ownershipControls',
  'replication',
  'requestPayment',
  'versioning',
  'versions',
  'website',
  'accelerate',
  'analytics',
  'inventory',
  'metrics',
  'intelligent-tiering',
  'object-lock',
  'retention',
  'legal-hold',
  'restore',
  'select',
  'torrent',
  'attributes',
  'rename',
];

export function routeS3(
  method: string,
  bucket: string | undefined,
  key: string | undefined,
  q: URLSearchParams,
  copySource: boolean,
): string | AwsError {
  const has = (n: string) => q.has(n);
  for (const n of UNSUPPORTED) {
    if (has(n)) return notImplemented();
  }
  if (bucket === undefined) {
    if (method === 'GET') return 'ListBuckets';
    return methodNotAllowed(method, 'SERVICE');
  }
  if (key === undefined) {
    switch (method) {
      case 'PUT':
        if (has('policy')) return 'PutBucketPolicy';
        if (has('publicAccessBlock')) return 'PutPublicAccessBlock';
        if (has('tagging')) return notImplemented();
        return 'CreateBucket';
      case 'DELETE':
        if (has('policy')) return 'DeleteBucketPolicy';
        if (has('publicAccessBlock')) return 'DeletePublicAccessBlock';
        if (has('tagging')) return notImplemented();
        return 'DeleteBucket';
      case 'HEAD':
        return 'HeadBucket';
      case 'GET':
        if (has('location')) return 'GetBucketLocation';
        if (has('policyStatus')) return 'GetBucketPolicyStatus';
        if (has('policy')) return 'GetBucketPolicy';
        if (has('publicAccessBlock')) return 'GetPublicAccessBlock';
        if (has('uploads')) return 'ListMultipartUploads';
        if (has('tagging')) return notImplemented();
        if (q.get('list-type') === '2') return 'ListObjectsV2';
        return 'ListObjects';
      case 'POST':
        if (has('delete')) return 'DeleteObjects';
        return notImplemented(); // browser-based POST uploads
      default:
        return methodNotAllowed(method, 'BUCKET');
    }
  }
  switch (method) {
    case 'PUT':
      if (has('tagging')) return 'PutObjectTagging';
      if (has('uploadId') || has('partNumber')) {
        return copySource ? 'UploadPartCopy' : 'UploadPart';
      }
      return copySource ? 'CopyObject' : 'PutObject';
    case 'GET':
      if (has('tagging')) return 'GetObjectTagging';
      if (has('uploadId')) return 'ListParts';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      if (has('tagging')) return 'DeleteObjectTagging';
      if (has('uploadId')) return 'AbortMultipartUpload';
      return 'DeleteObject';
    case 'POST':
      if (has('uploads')) return 'CreateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      return notImplemented();
    default:
      return methodNotAllowed(method, 'OBJECT');
  }
}

function notImplemented(): AwsError {
  return s3Error(
    'NotImplemented',
    'A header you provided implies functionality that is not implemented',
    501,
  );
}
