// AWS names the same authentication/validation failure differently per protocol. Services and the SigV4
// verifier throw the awsQuery names; each codec translates on the way out.
import { AwsError } from './errors.js';

type Rename = { code: string; status?: number; message?: string };

const JSON_RENAMES: Record<string, Rename> = {
  SignatureDoesNotMatch: { code: 'InvalidSignatureException', status: 400 },
  InvalidClientTokenId: { code: 'UnrecognizedClientException', status: 400 },
  MissingAuthenticationToken: { code: 'MissingAuthenticationTokenException', status: 400 },
  IncompleteSignature: { code: 'IncompleteSignatureException', status: 400 },
  ExpiredToken: { code: 'ExpiredTokenException', status: 400 },
  ValidationError: { code: 'ValidationException', status: 400 },
  AccessDenied: { code: 'AccessDeniedException', status: 400 },
  Throttling: { code: 'ThrottlingException', status: 400 },
};

const EC2_RENAMES: Record<string, Rename> = {
  InvalidClientTokenId: {
    code: 'AuthFailure',
    status: 401,
    message: 'AWS was not able to validate the provided access credentials',
  },
  MissingAuthenticationToken: { code: 'MissingAuthenticationToken', status: 401 },
  AccessDenied: { code: 'UnauthorizedOperation', status: 403 },
  Throttling: { code: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' },
};

function rename(err: AwsError, r: Rename | undefined): AwsError {
  if (!r) return err;
  return new AwsError(r.code, r.message ?? err.message, {
    status: r.status ?? err.status,
    senderFault: err.senderFault,
    ...(err.fields && { fields: err.fields }),
  });
}

export function forJson(err: AwsError): AwsError {
  return rename(err, JSON_RENAMES[err.code]);
}

export function forEc2(err: AwsError): AwsError {
  if (err.code === 'SignatureDoesNotMatch' && err.message.startsWith('Signature expired')) {
    return new AwsError('RequestExpired', 'Request has expired.', { status: 400 });
  }
  return rename(err, EC2_RENAMES[err.code]);
}
