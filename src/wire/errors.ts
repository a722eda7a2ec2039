// AwsError: the one error type every service throws and every protocol codec knows how to encode.
// Codes and statuses follow AWS's "Common Errors" tables; the messages follow what AWS really sends.

export interface AwsErrorOptions {
  /** HTTP status; defaults to 400 for sender faults and 500 for receiver faults. */
  status?: number;
  /** true (the default) when the caller is at fault: awsQuery's <Type>Sender</Type>. */
  senderFault?: boolean;
  /** Extra child elements / JSON members some errors carry (e.g. S3's <ServerTime>). */
  fields?: Record<string, string>;
  cause?: unknown;
}

export class AwsError extends Error {
  override readonly name = 'AwsError';
  readonly code: string;
  readonly status: number;
  readonly senderFault: boolean;
  readonly fields: Record<string, string> | undefined;

  constructor(code: string, message: string, opts: AwsErrorOptions = {}) {
    // An AwsError is an answer to the client, not a fault to debug: capturing a stack trace for each
    // (a denied or invalid request) costs several microseconds and is never shown. Internal errors keep theirs.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    Error.stackTraceLimit = limit;
    this.code = code;
    this.senderFault = opts.senderFault ?? true;
    this.status = opts.status ?? (this.senderFault ? 400 : 500);
    this.fields = opts.fields;
  }
}

export function isAwsError(e: unknown): e is AwsError {
  return e instanceof AwsError;
}

// ---- common errors (shared by IAM, STS, EC2, Organizations, CloudTrail) ----

export const accessDenied = (message: string): AwsError =>
  new AwsError('AccessDenied', message, { status: 403 });

/** `ValidationError` with AWS's "N validation error(s) detected: a; b" wording. */
export function validationError(problems: readonly string[]): AwsError {
  const n = problems.length;
  return new AwsError(
    'ValidationError',
    `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

export const invalidParameterValue = (message: string): AwsError =>
  new AwsError('InvalidParameterValue', message);

export const invalidParameterCombination = (message: string): AwsError =>
  new AwsError('InvalidParameterCombination', message);

export const missingParameter = (message: string): AwsError => new AwsError('MissingParameter', message);

/** AWS echoes the request's Version parameter, or NO_VERSION_SPECIFIED when it is absent. */
export const invalidAction = (action: string, version?: string): AwsError =>
  new AwsError(
    'InvalidAction',
    `Could not find operation ${action} for version ${version || 'NO_VERSION_SPECIFIED'}`,
  );

export const missingAction = (): AwsError => new AwsError('MissingAction', 'Missing Action');

export const malformedQueryString = (message: string): AwsError =>
  new AwsError('MalformedQueryString', message, { status: 404 });

export const serializationException = (message: string): AwsError =>
  new AwsError('SerializationException', message);

export const unknownOperation = (): AwsError => new AwsError('UnknownOperationException', '');

export const internalFailure = (message = 'An internal error has occurred'): AwsError =>
  new AwsError('InternalFailure', message, { senderFault: false, status: 500 });

export const throttling = (message = 'Rate exceeded'): AwsError => new AwsError('Throttling', message);

// ---- authentication errors (SigV4). Codes are the awsQuery ones; the JSON and EC2 codecs translate them
// (see protocol-errors.ts), because AWS names the same condition differently per protocol. ----

export const missingAuthenticationToken = (): AwsError =>
  new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', { status: 403 });

export const incompleteSignature = (message: string): AwsError =>
  new AwsError('IncompleteSignature', message);

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const signatureDoesNotMatch = (message: string = SIGNATURE_MISMATCH_MESSAGE): AwsError =>
  new AwsError('SignatureDoesNotMatch', message, { status: 403 });

export const invalidClientTokenId = (): AwsError =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', {
    status: 403,
  });

export const expiredToken = (): AwsError =>
  new AwsError('ExpiredToken', 'The security token included in the request is expired', { status: 403 });

export const requestExpired = (message = 'Request has expired.'): AwsError =>
  new AwsError('RequestExpired', message);
