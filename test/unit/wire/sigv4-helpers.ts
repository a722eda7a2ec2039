// Test helpers: sign requests with @smithy/signature-v4 (the AWS SDK v3 signer) and turn them into the
// SigV4Request shape the verifier takes.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { uriEncode } from '../../../src/wire/sigv4/index.js';
import type { SigV4Request } from '../../../src/wire/sigv4/index.js';

export const AKID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const T0 = Date.UTC(2026, 10, 21, 20, 0, 0);

export interface SmithyInput {
  method?: string;
  host?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  service?: string;
  region?: string;
  sessionToken?: string;
  date?: number;
  secret?: string;
}

function rawQueryOf(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const x of Array.isArray(v) ? v : [v]) parts.push(`${uriEncode(k)}=${uriEncode(x)}`);
  }
  return parts.join('&');
}

function toWire(r: HttpRequest, body: string): SigV4Request {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  return {
    method: r.method,
    path: r.path,
    rawQuery: rawQueryOf(r.query as Record<string, string>),
    headers,
    body,
  };
}

function signer(i: SmithyInput): SignatureV4 {
  const service = i.service ?? 'sts';
  return new SignatureV4({
    credentials: {
      accessKeyId: AKID,
      secretAccessKey: i.secret ?? SECRET,
      ...(i.sessionToken !== undefined && { sessionToken: i.sessionToken }),
    },
    region: i.region ?? 'us-east-1',
    service,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

function request(i: SmithyInput): HttpRequest {
  const host = i.host ?? `${i.service ?? 'sts'}.amazonaws.com`;
  return new HttpRequest({
    method: i.method ?? 'POST',
    protocol: 'https:',
    hostname: host,
    path: i.path ?? '/',
    query: i.query ?? {},
    headers: { host, ...(i.headers ?? {}) },
    body: i.body ?? '',
  });
}

export async function smithySign(i: SmithyInput): Promise<SigV4Request> {
  const signed = (await signer(i).sign(request(i), { signingDate: new Date(i.date ?? T0) })) as HttpRequest;
  return toWire(signed, i.body ?? '');
}

export async function smithyPresign(i: SmithyInput & { expiresIn?: number }): Promise<SigV4Request> {
  // Like @aws-sdk/s3-request-presigner: S3 presigned URLs declare UNSIGNED-PAYLOAD (hoisted to the query).
  if (i.service === 's3') i = { ...i, headers: { ...i.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
  const signed = (await signer(i).presign(request(i), {
    signingDate: new Date(i.date ?? T0),
    expiresIn: i.expiresIn ?? 900,
  })) as HttpRequest;
  return toWire(signed, i.body ?? '');
}
