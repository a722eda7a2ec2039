// SigV4 verification: time checks, secret lookup, signature comparison (timing-safe, cached signing keys).
import {
  AwsError,
  invalidClientTokenId,
  signatureDoesNotMatch,
  SIGNATURE_MISMATCH_MESSAGE,
} from '../errors.js';
import { defaultKeyCache, type SigningKeyCache } from './keys.js';
import { macTextEqual } from './hmac.js';
import { parseSigV4, type ParseOptions } from './parse.js';
import { formatAmzDate } from './time.js';
import type { ParsedSigV4, SecretRecord, SigV4Identity, SigV4Request } from './types.js';

export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface VerifyOptions extends ParseOptions {
  /** "Now" in ms (tests); defaults to Date.now(). */
  now?: number;
  keyCache?: SigningKeyCache;
  /**
   * Append the canonical request and string to sign to SignatureDoesNotMatch messages, as some AWS services
   * do. Off by default: it helps debugging clients but tells an attacker nothing they need.
   */
  detailedSignatureErrors?: boolean;
}

/** Looks up an access key (and, for temporary credentials, its session token). May throw AwsError (e.g. ExpiredToken). */
export type SecretLookup<T extends SecretRecord> = (
  accessKeyId: string,
  sessionToken: string | undefined,
) => T | undefined;

const durationText = (seconds: number): string =>
  seconds % 60 === 0 ? `${seconds / 60} min.` : `${seconds} sec.`;

/**
 * The time rules: header-signed requests must be within 15 minutes of now either way; presigned requests
 * live for X-Amz-Expires seconds (S3) or at most 15 minutes (other services honour the shorter of the two).
 */
export function checkRequestTime(p: ParsedSigV4, now: number, s3 = false): void {
  if (p.signedAt - now > MAX_CLOCK_SKEW_MS) {
    throw signatureDoesNotMatch(
      `Signature not yet current: ${p.amzDate} is still later than ${formatAmzDate(now + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
  if (p.form === 'query' && s3) {
    const expiresIn = p.expiresIn ?? 0;
    if (now > p.signedAt + expiresIn * 1000) {
      throw new AwsError('AccessDenied', 'Request has expired', {
        status: 403,
        fields: {
          'X-Amz-Expires': String(expiresIn),
          Expires: new Date(p.signedAt + expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        },
      });
    }
    return;
  }
  const windowSeconds = p.form === 'query' && p.expiresIn !== undefined ? Math.min(p.expiresIn, 900) : 900;
  if (now - p.signedAt > windowSeconds * 1000) {
    throw signatureDoesNotMatch(
      `Signature expired: ${p.amzDate} is now earlier than ${formatAmzDate(now - windowSeconds * 1000)} (${formatAmzDate(now)} - ${durationText(windowSeconds)})`,
    );
  }
}

/** Recomputes the signature with the secret and compares it in constant time. Throws SignatureDoesNotMatch. */
export function checkSignature(
  p: ParsedSigV4,
  secretAccessKey: string,
  keyCache: SigningKeyCache = defaultKeyCache,
  detailed = false,
): void {
  const key = keyCache.get(secretAccessKey, p.scope.date, p.scope.region, p.scope.service);
  if (!macTextEqual(key.hex(p.stringToSign), p.signature)) {
    throw signatureDoesNotMatch(
      detailed
        ? `${SIGNATURE_MISMATCH_MESSAGE}\n\nThe Canonical String for this request should have been\n'${p.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${p.stringToSign}'\n`
        : SIGNATURE_MISMATCH_MESSAGE,
    );
  }
}

function identity<T>(p: ParsedSigV4, credential: T): SigV4Identity<T> {
  return {
    accessKeyId: p.scope.accessKeyId,
    region: p.scope.region,
    service: p.scope.service,
    signedAt: p.signedAt,
    ...(p.sessionToken !== undefined && { sessionToken: p.sessionToken }),
    presigned: p.form === 'query',
    credential,
  };
}

/** Parse + time check + lookup + signature check, synchronously (for a synchronous credential store). */
export function verifySigV4<T extends SecretRecord>(
  req: SigV4Request,
  lookup: SecretLookup<T>,
  opts: VerifyOptions = {},
): SigV4Identity<T> {
  const p = parseSigV4(req, opts);
  checkRequestTime(p, opts.now ?? Date.now(), opts.s3 === true);
  const record = lookup(p.scope.accessKeyId, p.sessionToken);
  if (record === undefined) throw invalidClientTokenId();
  checkSignature(p, record.secretAccessKey, opts.keyCache, opts.detailedSignatureErrors);
  return identity(p, record);
}

/** The same, for an asynchronous credential store (e.g. PostgreSQL). */
export async function verifySigV4Async<T extends SecretRecord>(
  req: SigV4Request,
  lookup: (accessKeyId: string, sessionToken: string | undefined) => Promise<T | undefined> | T | undefined,
  opts: VerifyOptions = {},
): Promise<SigV4Identity<T>> {
  const p = parseSigV4(req, opts);
  checkRequestTime(p, opts.now ?? Date.now(), opts.s3 === true);
  const record = await lookup(p.scope.accessKeyId, p.sessionToken);
  if (record === undefined) throw invalidClientTokenId();
  checkSignature(p, record.secretAccessKey, opts.keyCache, opts.detailedSignatureErrors);
  return identity(p, record);
}
