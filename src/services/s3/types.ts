// What an S3 operation sees and returns. S3 is REST-XML with streaming bodies, so its operations take the
// request itself (bucket, key, sub-resources, headers, a body stream) rather than a decoded input object,
// and answer with a status, headers and a body that may be a stream (GetObject).
import type { Readable } from 'node:stream';
import type { OperationContext } from '../types.js';
import type { S3Runtime } from './runtime.js';

/** How the request was authenticated, for s3:authType / s3:signatureversion / s3:signatureAge. */
export interface S3Auth {
  /** REST-HEADER, REST-QUERY-STRING; undefined for anonymous requests. */
  authType?: 'REST-HEADER' | 'REST-QUERY-STRING';
  signedAt?: number;
}

/** The request body: a stream of the decoded payload and what must be checked once it has all been read. */
export interface S3Body {
  stream: Readable;
  /** A hex x-amz-content-sha256 the payload must hash to (XAmzContentSHA256Mismatch otherwise). */
  expectedSha256?: string;
  /** Trailing headers (aws-chunked with trailer), readable after the stream ended. */
  trailers(): Record<string, string>;
  /** The payload's declared length (Content-Length or x-amz-decoded-content-length), if known. */
  declaredLength?: number;
}

export interface S3Call {
  ctx: OperationContext;
  rt: S3Runtime;
  method: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: S3Body;
  auth: S3Auth;
}

export interface S3Result {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
}

export interface S3OperationDef {
  name: string;
  /** CloudTrail's readOnly. */
  readOnly: boolean;
  /** Data events (object-level) vs management events (bucket-level), as CloudTrail classifies them. */
  dataEvent: boolean;
  handler(call: S3Call): Promise<S3Result>;
}

export function defineS3Operation(op: S3OperationDef): S3OperationDef {
  return op;
}
