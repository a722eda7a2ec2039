// Shapes shared by the SigV4 parser, verifier and signer.

/** An HTTP request as the verifier sees it: names lower-cased; a repeated header's values joined with ','. */
export interface SigV4Request {
  method: string;
  /** The path exactly as received on the wire (still percent-encoded), without the query string. */
  path: string;
  /** The raw query string, without the leading '?'. */
  rawQuery: string;
  headers: Record<string, string | undefined>;
  body: Buffer | string;
}

export interface CredentialScope {
  accessKeyId: string;
  /** yyyyMMdd */
  date: string;
  region: string;
  service: string;
  terminator: string;
}

/** Everything parsed out of a request's SigV4 authentication, before any secret is involved. */
export interface ParsedSigV4 {
  form: 'header' | 'query';
  scope: CredentialScope;
  /** Lower-case names, in the order the client listed them. */
  signedHeaders: string[];
  /** The signature the client sent (64 lower-case hex characters when well formed). */
  signature: string;
  /** The X-Amz-Date (or Date) timestamp string used in the string to sign: yyyyMMddTHHmmssZ. */
  amzDate: string;
  /** amzDate as ms since the epoch. */
  signedAt: number;
  /** X-Amz-Expires (seconds), presigned form only. */
  expiresIn?: number;
  /** X-Amz-Security-Token, when present. */
  sessionToken?: string;
  /** The hex SHA-256 of the payload or UNSIGNED-PAYLOAD / STREAMING-… as used in the canonical request. */
  payloadHash: string;
  /** The canonical request and the string to sign (kept for SignatureDoesNotMatch diagnostics). */
  canonicalRequest: string;
  stringToSign: string;
}

/** The authenticated caller, returned by the verifier. */
export interface SigV4Identity<T> {
  accessKeyId: string;
  region: string;
  service: string;
  /** When the client signed the request (ms since the epoch). */
  signedAt: number;
  sessionToken?: string;
  presigned: boolean;
  /** Whatever the lookup callback returned for this access key (minus nothing: the server's own record). */
  credential: T;
}

export interface SecretRecord {
  secretAccessKey: string;
}
