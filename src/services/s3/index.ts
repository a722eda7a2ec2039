// S3: the operation table, by the name the router gives.
import type { S3OperationDef } from './types.js';
import ListBuckets from './operations/ListBuckets.js';
import CreateBucket from './operations/CreateBucket.js';
import DeleteBucket from './operations/DeleteBucket.js';
import HeadBucket from './operations/HeadBucket.js';
import GetBucketLocation from './operations/GetBucketLocation.js';
import PutBucketPolicy from './operations/PutBucketPolicy.js';
import GetBucketPolicy from './operations/GetBucketPolicy.js';
import DeleteBucketPolicy from './operations/DeleteBucketPolicy.js';
import GetBucketPolicyStatus from './operations/GetBucketPolicyStatus.js';
import PutPublicAccessBlock from './operations/PutPublicAccessBlock.js';
import GetPublicAccessBlock from './operations/GetPublicAccessBlock.js';
import DeletePublicAccessBlock from './operations/DeletePublicAccessBlock.js';
import PutObject from './operations/PutObject.js';
import GetObject from './operations/GetObject.js';
import HeadObject from './operations/HeadObject.js';
import DeleteObject from './operations/DeleteObject.js';
import DeleteObjects from './operations/DeleteObjects.js';
import CopyObject from './operations/CopyObject.js';
import ListObjectsV2 from './operations/ListObjectsV2.js';
import ListObjects from './operations/ListObjects.js';
import PutObjectTagging from './operations/PutObjectTagging.js';
import GetObjectTagging from './operations/GetObjectTagging.js';
import DeleteObjectTagging from './operations/DeleteObjectTagging.js';
import CreateMultipartUpload from './operations/CreateMultipartUpload.js';
import UploadPart from './operations/UploadPart.js';
import UploadPartCopy from './operations/UploadPartCopy.js';
import CompleteMultipartUpload from './operations/CompleteMultipartUpload.js';
import AbortMultipartUpload from './operations/AbortMultipartUpload.js';
import ListParts from './operations/ListParts.js';
import ListMultipartUploads from './operations/ListMultipartUploads.js';

export const S3_OPERATIONS: ReadonlyMap<string, S3OperationDef> = new Map(
  [
    ListBuckets,
    CreateBucket,
    DeleteBucket,
    HeadBucket,
    GetBucketLocation,
    PutBucketPolicy,
    GetBucketPolicy,
    DeleteBucketPolicy,
    GetBucketPolicyStatus,
    PutPublicAccessBlock,
    GetPublicAccessBlock,
    DeletePublicAccessBlock,
    PutObject,
    GetObject,
    HeadObject,
    DeleteObject,
    DeleteObjects,
    CopyObject,
    ListObjectsV2,
    ListObjects,
    PutObjectTagging,
    GetObjectTagging,
    DeleteObjectTagging,
    CreateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
    ListMultipartUploads,
  ].map((op) => [op.name, op]),
);

export { routeS3 } from './router.js';
export { S3Runtime, type S3Outcome, type S3OutcomeListener } from './runtime.js';
