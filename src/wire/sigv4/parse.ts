// Parses a request's SigV4 authentication (Authorization header or presigned query) and builds its
// canonical request and string to sign. Throws AwsError with AWS's own codes and wordings.
import {
  AwsError,
  incompleteSignature,
  missingAuthenticationToken,
  signatureDoesNotMatch,
} from '../errors.js';
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
import { safeDecode } from './encoding.js';
import { formatAmzDate, parseAmzDate, parseHttpDate } from './time.js';
import type { CredentialScope, ParsedSigV4, SigV4Request } from './types.js';

export interface ParseOptions {
  /** Use S3's canonical-URI and payload rules (no path normalisation, x-amz-content-sha256 required). */
  s3?: boolean;
  /** The credential scope's service must equal this (e.g. the model's signingName). */
  service?: string;
  /** When given, the credential scope's region must pass it. */
  isValidRegion?: (region: string) => boolean;
  /**
   * S3 only: the body has not been read yet (it streams); the caller checks a hex x-amz-content-sha256
   * against the body as it arrives instead of the parser hashing `body`.
   */
  deferPayloadCheck?: boolean;
}

const MAX_PRESIGN_EXPIRES = 604_800;

/** Which SigV4 form a request uses, cheaply, without parsing it. */
export function authForm(req: SigV4Request): 'header' | 'query' | 'none' {
  if (req.headers['authorization'] !== undefined) return 'header';
  if (req.rawQuery.includes('X-Amz-Algorithm=') || req.rawQuery.includes('X-Amz-Credential=')) return 'query';
  return 'none';
}

export function parseSigV4(req: SigV4Request, opts: ParseOptions = {}): ParsedSigV4 {
  const form = authForm(req);
  if (form === 'none') throw missingAuthenticationToken();
  return form === 'header' ? parseHeaderForm(req, opts) : parseQueryForm(req, opts);
}

/**
 * What an Authorization header says before its final Signature parameter, parsed. A client signs its
 * requests with one credential scope and one list of headers, so consecutive headers differ only in the
 * signature: the rest is parsed (and its credential scope checked) once, not per request.
 */
interface SignedPrefix {
  /** The header up to its last comma. */
  text: string;
  opts: ParseOptions;
  signedHeadersRaw: string;
  signedHeaders: string[];
  /** The credential scope, checked against opts (its date is checked per request). */
  scope: CredentialScope;
}
let lastPrefix: SignedPrefix | undefined;

/** The Authorization parameters: name=value pairs separated by commas; a repeated name's last value counts. */
function authorizationParams(authorization: string): {
  credential?: string;
  signature?: string;
  signedHeadersRaw?: string;
} {
  let credential: string | undefined;
  let signature: string | undefined;
  let signedHeadersRaw: string | undefined;
  const sp = authorization.indexOf(' ');
  const algorithm = sp === -1 ? authorization : authorization.slice(0, sp);
  if (algorithm === ALGORITHM) {
    for (const part of authorization.slice(sp + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq === -1) continue;
      const name = part.slice(0, eq).trim();
      if (name === 'Credential') credential = part.slice(eq + 1).trim();
      else if (name === 'Signature') signature = part.slice(eq + 1).trim();
      else if (name === 'SignedHeaders') signedHeadersRaw = part.slice(eq + 1).trim();
    }
  }
  return { credential, signature, signedHeadersRaw };
}

/** The signature when the header's last parameter is a non-empty Signature, else undefined. */
function finalSignature(authorization: string, comma: number): string | undefined {
  const last = authorization.slice(comma + 1).trim();
  return last.startsWith('Signature=') && last.length > 10 ? last.slice(10).trim() || undefined : undefined;
}

function parseHeaderForm(req: SigV4Request, opts: ParseOptions): ParsedSigV4 {
  const authorization = req.headers['authorization']!;
  const comma = authorization.lastIndexOf(',');
  const memo = lastPrefix;
  if (
    memo !== undefined &&
    memo.opts === opts &&
    comma === memo.text.length &&
    authorization.startsWith(memo.text)
  ) {
    const signature = finalSignature(authorization, comma);
    if (
      signature !== undefined &&
      (req.headers['x-amz-date'] !== undefined || req.headers['date'] !== undefined)
    ) {
      const { amzDate, signedAt } = requestDate(req);
      checkScopeDate(memo.scope, amzDate);
      return headerForm(
        req,
        opts,
        memo.scope,
        memo.signedHeaders,
        memo.signedHeadersRaw,
        signature,
        amzDate,
        signedAt,
      );
    }
  }
  const { credential, signature, signedHeadersRaw } = authorizationParams(authorization);
  const xAmzDate = req.headers['x-amz-date'];
  const httpDate = xAmzDate === undefined ? req.headers['date'] : undefined;

  const problems: string[] = [];
  if (!credential) problems.push("Authorization header requires 'Credential' parameter.");
  if (!signature) problems.push("Authorization header requires 'Signature' parameter.");
  if (!signedHeadersRaw) problems.push("Authorization header requires 'SignedHeaders' parameter.");
  if (xAmzDate === undefined && httpDate === undefined) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (problems.length > 0) throw incompleteSignature(`${problems.join(' ')} Authorization=${authorization}`);

  const { amzDate, signedAt } = requestDate(req);
  const scope = credentialScope(credential!, opts);
  checkScopeDate(scope, amzDate);
  const signedHeaders = signedHeadersRaw!.split(';');
  if (comma > 0 && finalSignature(authorization, comma) === signature) {
    // Shared by every request that hits it from now on, so frozen: no caller may change them.
    lastPrefix = {
      text: authorization.slice(0, comma),
      opts,
      signedHeadersRaw: signedHeadersRaw!,
      signedHeaders: Object.freeze(signedHeaders) as string[],
      scope: Object.freeze(scope),
    };
  }
  return headerForm(req, opts, scope, signedHeaders, signedHeadersRaw!, signature!, amzDate, signedAt);
}

/** X-Amz-Date (or Date) as text and as ms; one of them is known to be present. */
function requestDate(req: SigV4Request): { amzDate: string; signedAt: number } {
  const xAmzDate = req.headers['x-amz-date'];
  const httpDate = xAmzDate === undefined ? req.headers['date'] : undefined;
  const signedAt = xAmzDate !== undefined ? parseAmzDate(xAmzDate) : parseHttpDate(httpDate!);
  if (Number.isNaN(signedAt)) {
    throw incompleteSignature(
      xAmzDate !== undefined
        ? `Date must be in ISO-8601 'basic format'. Got '${xAmzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`
        : `Date must be in RFC 2616 format. Got '${httpDate}'.`,
    );
  }
  return { amzDate: xAmzDate ?? formatAmzDate(signedAt), signedAt };
}

/** The rest of a header-signed request's parse: payload hash, canonical request, string to sign. */
function headerForm(
  req: SigV4Request,
  opts: ParseOptions,
  scope: CredentialScope,
  signedHeaders: string[],
  signedHeadersRaw: string,
  signature: string,
  amzDate: string,
  signedAt: number,
): ParsedSigV4 {
  const sessionToken = req.headers['x-amz-security-token'];

  let payloadHash: string;
  if (opts.s3) {
    const declared = req.headers['x-amz-content-sha256'];
    if (declared === undefined) {
      throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    }
    payloadHash = declared;
    if (declared !== UNSIGNED_PAYLOAD && !declared.startsWith('STREAMING-')) {
      if (!/^[0-9a-f]{64}$/.test(declared)) {
        throw new AwsError(
          'InvalidArgument',
          'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
        );
      }
      if (!opts.deferPayloadCheck && sha256Hex(req.body) !== declared) {
        throw new AwsError(
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      }
    }
    // STREAMING-AWS4-HMAC-SHA256-PAYLOAD: the seed signature is checked here like any other; the per-chunk
    // signatures are verified by streaming.ts (a later issue) as the body is read.
  } else {
    payloadHash = sha256Hex(req.body);
  }

  const canonicalRequest = buildCanonicalRequest(
    req.method,
    canonicalUri(req.path, opts.s3 === true),
    canonicalQuery(req.rawQuery),
    signedHeaders,
    req.headers,
    payloadHash,
    signedHeadersRaw,
  );
  return {
    form: 'header',
    scope,
    signedHeaders,
    signature,
    amzDate,
    signedAt,
    ...(sessionToken !== undefined && { sessionToken }),
    payloadHash,
    canonicalRequest,
    stringToSign: buildStringToSign(
      amzDate,
      scopeString(scope.date, scope.region, scope.service),
      canonicalRequest,
    ),
  };
}

const REQUIRED_QUERY = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Date',
];

function parseQueryForm(req: SigV4Request, opts: ParseOptions): ParsedSigV4 {
  const q = new Map<string, string>();
  for (const part of req.rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const k = part.slice(0, eq);
    if (k.startsWith('X-Amz-') && !q.has(k)) q.set(k, safeDecode(part.slice(eq + 1)));
  }
  const missing = REQUIRED_QUERY.filter((k) => !q.get(k));
  if (missing.length > 0) {
    if (opts.s3) {
      throw new AwsError(
        'AuthorizationQueryParametersError',
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
      );
    }
    throw incompleteSignature(
      missing.map((k) => `AWS query-string parameters must include '${k}'.`).join(' ') +
        ' Re-examine the query-string parameters.',
    );
  }
  const algorithm = q.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) {
    if (opts.s3) {
      throw new AwsError(
        'AuthorizationQueryParametersError',
        'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256 and AWS4-ECDSA-P256-SHA256"',
      );
    }
    throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  }
  const amzDate = q.get('X-Amz-Date')!;
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) {
    throw incompleteSignature(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  let expiresIn: number | undefined;
  const expiresRaw = q.get('X-Amz-Expires');
  if (expiresRaw !== undefined) {
    if (!/^\d{1,10}$/.test(expiresRaw)) {
      throw authQueryError(opts, 'X-Amz-Expires should be a number');
    }
    expiresIn = Number(expiresRaw);
    if (expiresIn > MAX_PRESIGN_EXPIRES) {
      throw authQueryError(opts, 'X-Amz-Expires must be less than a week (in seconds) that is 604800');
    }
  } else if (opts.s3) {
    throw new AwsError(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const scope = credentialScope(q.get('X-Amz-Credential')!, opts);
  checkScopeDate(scope, amzDate);
  const signedHeaders = q.get('X-Amz-SignedHeaders')!.split(';');
  const sessionToken = q.get('X-Amz-Security-Token');
  // S3 presigned URLs sign UNSIGNED-PAYLOAD (or what X-Amz-Content-Sha256 says); other services hash the body.
  const payloadHash = opts.s3
    ? (q.get('X-Amz-Content-Sha256') ?? req.headers['x-amz-content-sha256'] ?? UNSIGNED_PAYLOAD)
    : sha256Hex(req.body);

  const canonicalRequest = buildCanonicalRequest(
    req.method,
    canonicalUri(req.path, opts.s3 === true),
    canonicalQuery(req.rawQuery, 'X-Amz-Signature'),
    signedHeaders,
    req.headers,
    payloadHash,
  );
  return {
    form: 'query',
    scope,
    signedHeaders,
    signature: q.get('X-Amz-Signature')!,
    amzDate,
    signedAt,
    ...(expiresIn !== undefined && { expiresIn }),
    ...(sessionToken !== undefined && { sessionToken }),
    payloadHash,
    canonicalRequest,
    stringToSign: buildStringToSign(
      amzDate,
      scopeString(scope.date, scope.region, scope.service),
      canonicalRequest,
    ),
  };
}

function authQueryError(opts: ParseOptions, message: string): AwsError {
  return opts.s3 ? new AwsError('AuthorizationQueryParametersError', message) : incompleteSignature(message);
}

/** keyid/date/region/service/aws4_request, checked against the expected scope (checkScopeDate checks its date). */
function credentialScope(credential: string, opts: ParseOptions): CredentialScope {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) {
    throw incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== 'aws4_request') {
    throw signatureDoesNotMatch(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `,
    );
  }
  if (opts.service !== undefined && service !== opts.service) {
    throw signatureDoesNotMatch(`Credential should be scoped to correct service: '${opts.service}'. `);
  }
  if (opts.isValidRegion && !opts.isValidRegion(region)) {
    throw signatureDoesNotMatch(`Credential should be scoped to a valid region, not '${region}'. `);
  }
  return { accessKeyId, date, region, service, terminator };
}

/** The credential scope's date must be the request's. */
function checkScopeDate(scope: CredentialScope, amzDate: string): void {
  const date = scope.date;
  if (date !== amzDate.slice(0, 8)) {
    throw signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
}
