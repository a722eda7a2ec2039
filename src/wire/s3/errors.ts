// S3's error responses: <Error><Code/><Message/>…extra fields…<RequestId/><HostId/></Error>, and the
// names S3 gives to the authentication failures the SigV4 layer reports with awsQuery's codes.
import { AwsError } from '../errors.js';
import { XML_DECL } from './xml.js';
import { escapeXml } from '../xml.js';

/** awsQuery code → S3's own code and message (S3 says the same thing in its own words). */
const S3_AUTH_ERRORS: Record<string, { code: string; message?: string; status?: number }> = {
  InvalidClientTokenId: {
    code: 'InvalidAccessKeyId',
    message: 'The AWS Access Key Id you provided does not exist in our records.',
    status: 403,
  },
  ExpiredToken: { code: 'ExpiredToken', message: 'The provided token has expired.', status: 400 },
  InvalidToken: { code: 'InvalidToken', message: 'The provided token is malformed or otherwise invalid.' },
  MissingAuthenticationToken: { code: 'AccessDenied', message: 'Access Denied', status: 403 },
  IncompleteSignature: { code: 'AuthorizationHeaderMalformed' },
  InternalFailure: { code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  Throttling: { code: 'SlowDown', message: 'Please reduce your request rate.', status: 503 },
};

/** Rewrites a non-S3 AwsError into S3's vocabulary; S3 errors pass through unchanged. */
export function toS3Error(e: AwsError, extraFields?: Record<string, string>): AwsError {
  const m = S3_AUTH_ERRORS[e.code];
  if (!m && !extraFields) return e;
  return new AwsError(m?.code ?? e.code, m?.message ?? e.message, {
    status: m?.status ?? e.status,
    senderFault: e.senderFault,
    fields: { ...e.fields, ...extraFields },
  });
}

/** A host id as S3 sends it (base64 of random bytes); ours is derived from the request id. */
export function hostId(requestId: string): string {
  return Buffer.from(requestId.replace(/-/g, ''), 'hex').toString('base64');
}

/** S3's short request id: 16 upper-case hex characters. */
export function s3RequestId(uuid: string): string {
  return uuid.replace(/-/g, '').slice(0, 16).toUpperCase();
}

export function encodeS3ErrorBody(e: AwsError, requestId: string, hostIdValue: string): string {
  let fields = '';
  for (const [k, v] of Object.entries(e.fields ?? {})) fields += `<${k}>${escapeXml(v)}</${k}>`;
  return (
    `${XML_DECL}<Error><Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message>` +
    `${fields}<RequestId>${requestId}</RequestId><HostId>${hostIdValue}</HostId></Error>`
  );
}

export const s3Error = (code: string, message: string, status = 400, fields?: Record<string, string>) =>
  new AwsError(code, message, { status, ...(fields && { fields }) });

export const noSuchBucket = (bucket: string) =>
  s3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const noSuchKey = (key: string) =>
  s3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
export const noSuchUpload = (uploadId: string) =>
  s3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );
export const s3AccessDenied = () => s3Error('AccessDenied', 'Access Denied', 403);
export const invalidArgument = (message: string, name?: string, value?: string) =>
  s3Error(
    'InvalidArgument',
    message,
    400,
    name !== undefined ? { ArgumentName: name, ArgumentValue: value ?? '' } : undefined,
  );
export const invalidRequest = (message: string) => s3Error('InvalidRequest', message);
export const methodNotAllowed = (method: string, resourceType: string) =>
  s3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: resourceType,
  });
