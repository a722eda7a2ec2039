// A small SigV4 signer (header and presigned forms) for tests and the CLI. It shares canonical.ts with the
// verifier, and tests cross-check it against @smithy/signature-v4 so that both directions agree with AWS.
import { uriEncode } from './encoding.js';
import {
  ALGORITHM,
  UNSIGNED_PAYLOAD,
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQuery,
  canonicalUri,
  scopeString,
  sha256Hex,
} from './canonical.js';
import { defaultKeyCache } from './keys.js';
import { formatAmzDate } from './time.js';

export interface SignableRequest {
  method: string;
  /** The path as it will be sent (percent-encoded). */
  path: string;
  /** The raw query string as it will be sent, without '?'. */
  rawQuery?: string;
  /** Must include host. Names in any case. */
  headers: Record<string, string>;
  body?: Buffer | string;
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignOptions {
  region: string;
  service: string;
  /** Signing time; defaults to now. */
  date?: Date | number;
  /** S3 path rules and x-amz-content-sha256; defaults to service === 's3'. */
  s3?: boolean;
  /** S3 only: sign UNSIGNED-PAYLOAD instead of the body hash. */
  unsignedPayload?: boolean;
  /** S3 only: sign this x-amz-content-sha256 value (e.g. STREAMING-AWS4-HMAC-SHA256-PAYLOAD) as the payload hash. */
  payloadHash?: string;
}

export interface SignedRequest {
  /** Lower-cased names: the input headers plus x-amz-date, authorization (and token / content hash). */
  headers: Record<string, string>;
}

function lowerHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function signature(
  creds: SigningCredentials,
  date: string,
  region: string,
  service: string,
  sts: string,
): string {
  const key = defaultKeyCache.get(creds.secretAccessKey, date, region, service);
  return key.hex(sts);
}

/** Signs with an Authorization header (what the SDKs do). */
export function signRequest(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: SignOptions,
): SignedRequest {
  const s3 = opts.s3 ?? opts.service === 's3';
  const amzDate = formatAmzDate(opts.date === undefined ? Date.now() : +opts.date);
  const date = amzDate.slice(0, 8);
  const headers = lowerHeaders(req.headers);
  headers['x-amz-date'] = amzDate;
  if (creds.sessionToken !== undefined) headers['x-amz-security-token'] = creds.sessionToken;
  const payloadHash =
    s3 && opts.payloadHash !== undefined
      ? opts.payloadHash
      : s3 && opts.unsignedPayload
        ? UNSIGNED_PAYLOAD
        : sha256Hex(req.body ?? '');
  if (s3) headers['x-amz-content-sha256'] = payloadHash;
  const signed = Object.keys(headers)
    .filter((h) => h !== 'authorization')
    .sort();
  const canonical = buildCanonicalRequest(
    req.method,
    canonicalUri(req.path, s3),
    canonicalQuery(req.rawQuery ?? ''),
    signed,
    headers,
    payloadHash,
  );
  const scope = scopeString(date, opts.region, opts.service);
  const sig = signature(creds, date, opts.region, opts.service, buildStringToSign(amzDate, scope, canonical));
  headers['authorization'] =
    `${ALGORITHM} Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${sig}`;
  return { headers };
}

/** Presigns (query-string authentication); returns the full raw query string to send. Signs only `host`. */
export function presignRequest(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: SignOptions & { expiresIn: number },
): string {
  const s3 = opts.s3 ?? opts.service === 's3';
  const amzDate = formatAmzDate(opts.date === undefined ? Date.now() : +opts.date);
  const date = amzDate.slice(0, 8);
  const scope = scopeString(date, opts.region, opts.service);
  const headers = lowerHeaders(req.headers);
  const auth = [
    `X-Amz-Algorithm=${ALGORITHM}`,
    `X-Amz-Credential=${uriEncode(`${creds.accessKeyId}/${scope}`)}`,
    `X-Amz-Date=${amzDate}`,
    `X-Amz-Expires=${opts.expiresIn}`,
    ...(creds.sessionToken !== undefined ? [`X-Amz-Security-Token=${uriEncode(creds.sessionToken)}`] : []),
    `X-Amz-SignedHeaders=host`,
  ].join('&');
  const rawQuery = req.rawQuery ? `${req.rawQuery}&${auth}` : auth;
  const payloadHash = s3 ? UNSIGNED_PAYLOAD : sha256Hex(req.body ?? '');
  const canonical = buildCanonicalRequest(
    req.method,
    canonicalUri(req.path, s3),
    canonicalQuery(rawQuery),
    ['host'],
    headers,
    payloadHash,
  );
  const sig = signature(creds, date, opts.region, opts.service, buildStringToSign(amzDate, scope, canonical));
  return `${rawQuery}&X-Amz-Signature=${sig}`;
}
