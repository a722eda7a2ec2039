// S3 metadata in the store. Buckets are global by name (scope "s3"); objects, multipart uploads and their
// parts are scoped by bucket (and upload), keyed by key / upload id / part number, so a listing reads one
// scope. Object data lives in files (blobs.ts); a record names its blob.
import type { Store } from '../../store/index.js';

export const S3_KIND = {
  bucket: 's3:bucket',
  object: 's3:object',
  upload: 's3:upload',
  part: 's3:part',
} as const;
export const BUCKET_SCOPE = 's3';

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketRecord {
  name: string;
  /** The owning account (the creator's). */
  owner: string;
  region: string;
  created: string;
  policy?: string;
  publicAccessBlock?: PublicAccessBlock;
}

/** The headers S3 stores with an object and returns on GET/HEAD. */
export interface ObjectHeaders {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  /** x-amz-meta-* without the prefix, names lower-cased. */
  metadata?: Record<string, string>;
}

export interface ObjectChecksum {
  algorithm: 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256';
  value: string;
  /** COMPOSITE for multipart objects. */
  type?: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface ObjectRecord extends ObjectHeaders {
  key: string;
  size: number;
  /** Quoted, as S3 sends it. */
  etag: string;
  lastModified: string;
  blob: string;
  tags?: Record<string, string>;
  checksum?: ObjectChecksum;
  /** Multipart objects: part sizes, for GetObject/HeadObject ?partNumber and PartsCount. */
  partsCount?: number;
}

export interface UploadRecord extends ObjectHeaders {
  uploadId: string;
  key: string;
  initiated: string;
  /** The initiator's ARN and id (ListMultipartUploads' Initiator). */
  initiatorArn: string;
  initiatorId: string;
  owner: string;
  tags?: Record<string, string>;
  checksumAlgorithm?: ObjectChecksum['algorithm'];
}

export interface PartRecord {
  partNumber: number;
  size: number;
  etag: string;
  lastModified: string;
  blob: string;
  checksum?: string;
}

export function getBucket(store: Store, name: string): BucketRecord | undefined {
  return store.get<BucketRecord>(S3_KIND.bucket, BUCKET_SCOPE, name)?.data;
}

export function getObject(store: Store, bucket: string, key: string): ObjectRecord | undefined {
  return store.get<ObjectRecord>(S3_KIND.object, bucket, key)?.data;
}

export function partScope(bucket: string, uploadId: string): string {
  return `${bucket}/${uploadId}`;
}

export function partId(n: number): string {
  return String(n).padStart(5, '0');
}
