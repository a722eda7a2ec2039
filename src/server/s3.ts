// The S3 endpoint. S3 bodies are objects (up to 5 GiB), so S3 requests are routed here before the API
// handler buffers anything: authentication (SigV4 for S3: signed / UNSIGNED-PAYLOAD / aws-chunked bodies,
// presigned URLs, S3's own error vocabulary), then the operation, which streams the body to disk and
// streams GetObject's data back. Every request's outcome is reported once, to S3Runtime.reportOutcome.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ServerEnv } from '../services/env.js';
import type { OperationContext } from '../services/types.js';
import { ANONYMOUS, type Caller } from '../services/caller.js';
import { AwsError, isAwsError } from '../wire/errors.js';
import { headersFromRaw } from '../wire/headers.js';
import {
  authForm,
  ChunkedDecoder,
  checkRequestTime,
  checkSignature,
  defaultKeyCache,
  isStreamingPayload,
  isSupportedStreamingPayload,
  MAX_CLOCK_SKEW_MS,
  parseSigV4,
  streamingNotImplemented,
  STREAMING_UNSIGNED_TRAILER,
  type ParsedSigV4,
  type SigV4Request,
} from '../wire/sigv4/index.js';
import { bucketFromHost, s3Address } from '../wire/s3/address.js';
import { encodeS3ErrorBody, hostId, s3Error, s3RequestId, toS3Error } from '../wire/s3/errors.js';
import { S3_OPERATIONS, routeS3, S3Runtime } from '../services/s3/index.js';
import type { S3Auth, S3Body, S3Call, S3Result } from '../services/s3/types.js';
import { getBucket } from '../services/s3/model.js';
import type { Authenticator } from './authenticate.js';
import type { Authorizer } from './authorize.js';
import { clientIp, operationContext } from './request-context.js';

const S3_SCOPE = '/s3/aws4_request';

/** Whether a request is for S3: signed for service s3, or unsigned and addressed to a bucket. */
export function isS3Request(
  headers: Record<string, string | undefined>,
  path: string,
  rawQuery: string,
): boolean {
  const auth = headers['authorization'];
  if (auth !== undefined) return auth.includes(S3_SCOPE) || auth.startsWith('AWS ');
  if (rawQuery.includes('AWSAccessKeyId=')) return true;
  if (rawQuery.includes('X-Amz-Credential=')) {
    return rawQuery.includes('%2Fs3%2Faws4_request') || rawQuery.includes(S3_SCOPE);
  }
  if (bucketFromHost(headers['host']) !== undefined) return true;
  return (
    path !== '/' && path !== '' && headers['x-amz-target'] === undefined && !rawQuery.includes('Action=')
  );
}

export interface S3EndpointDeps {
  env: ServerEnv;
  authn: Authenticator;
  authz: Authorizer;
}

interface Authenticated {
  caller: Caller;
  region: string;
  parsed?: ParsedSigV4;
  secret?: string;
}

export class S3Endpoint {
  readonly runtime: S3Runtime;

  constructor(private readonly deps: S3EndpointDeps) {
    this.runtime = new S3Runtime(deps.env, (ctx, check) => deps.authz.decide(ctx, check));
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> {
    const uuid = randomUUID();
    const requestId = s3RequestId(uuid);
    const method = req.method ?? 'GET';
    const headers = headersFromRaw(req.rawHeaders);
    const addr = s3Address(headers['host'], path);
    const env = this.deps.env;
    let caller: Caller = ANONYMOUS;
    let operation: string | undefined;
    let ctx: OperationContext | undefined;
    let status = 500;
    let error: AwsError | undefined;
    let bytesOut = 0;
    let auth: S3Auth = {};
    const time = new Date();
    try {
      const a = this.authenticate({ method, path, rawQuery, headers, body: '' });
      caller = a.caller;
      auth = authInfo(a.parsed);
      const query = new URLSearchParams(rawQuery);
      const routed = routeS3(
        method,
        addr.bucket,
        addr.key,
        query,
        headers['x-amz-copy-source'] !== undefined,
      );
      if (typeof routed !== 'string') throw routed;
      operation = routed;
      const op = S3_OPERATIONS.get(routed)!;
      ctx = operationContext(env, this.deps.authz, {
        requestId,
        caller,
        region: a.region,
        sourceIp: clientIp(req),
        userAgent: headers['user-agent'],
      });
      const call: S3Call = {
        ctx,
        rt: this.runtime,
        method,
        ...(addr.bucket !== undefined && { bucket: addr.bucket }),
        ...(addr.key !== undefined && { key: addr.key }),
        query,
        headers,
        body: this.body(req, headers, a),
        auth,
      };
      const result = await op.handler(call);
      status = result.status ?? 200;
      bytesOut = await this.send(req, res, requestId, uuid, result, method);
    } catch (err) {
      error = isAwsError(err) ? toS3Error(err) : undefined;
      if (!error) {
        env.log.error('internal error', { requestId, error: String((err as Error)?.stack ?? err) });
        error = toS3Error(
          new AwsError('InternalFailure', 'We encountered an internal error. Please try again.', {
            status: 500,
            senderFault: false,
          }),
        );
      }
      status = error.status;
      if (!res.headersSent) this.sendError(req, res, requestId, uuid, error, method, addr.bucket, addr.key);
      else res.destroy();
    }
    const bucketOwner = addr.bucket ? getBucket(env.store, addr.bucket)?.owner : undefined;
    const op = operation ? S3_OPERATIONS.get(operation) : undefined;
    this.runtime.reportOutcome({
      requestId,
      time,
      caller,
      operation,
      readOnly: op?.readOnly ?? true,
      dataEvent: op?.dataEvent ?? false,
      ...(addr.bucket !== undefined && { bucket: addr.bucket }),
      ...(addr.key !== undefined && { key: addr.key }),
      ...(bucketOwner !== undefined && { bucketOwner }),
      status,
      ...(error && { errorCode: error.code, errorMessage: error.message }),
      sourceIp: ctx?.sourceIp ?? clientIp(req),
      userAgent: headers['user-agent'] ?? '',
      ...(auth.authType && { authType: auth.authType }),
      bytesOut,
    });
  }

  /** SigV4 for S3. Clients sign with real clocks, so the skew and expiry checks use real time. */
  private authenticate(sreq: SigV4Request): Authenticated {
    const env = this.deps.env;
    if (sreq.headers['authorization']?.startsWith('AWS ') || /(^|&)AWSAccessKeyId=/.test(sreq.rawQuery)) {
      throw s3Error(
        'InvalidRequest',
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
      );
    }
    if (authForm(sreq) === 'none') return { caller: ANONYMOUS, region: env.config.defaultRegion };
    let parsed: ParsedSigV4;
    try {
      parsed = parseSigV4(sreq, { s3: true, deferPayloadCheck: true });
    } catch (e) {
      throw isAwsError(e) ? toS3Error(e) : e;
    }
    if (parsed.scope.service !== 's3') {
      throw s3Error(
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; incorrect service "${parsed.scope.service}". This endpoint belongs to "s3".`,
      );
    }
    const now = Date.now();
    if (parsed.form === 'header' && Math.abs(parsed.signedAt - now) > MAX_CLOCK_SKEW_MS) {
      throw s3Error(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        403,
        {
          RequestTime: parsed.amzDate,
          ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS),
        },
      );
    }
    if (parsed.form === 'query') checkRequestTime(parsed, now, true);
    let cred;
    try {
      cred = this.deps.authn.resolve(parsed.scope.accessKeyId, parsed.sessionToken);
    } catch (e) {
      if (isAwsError(e) && e.code === 'InvalidClientTokenId') {
        // A session token that does not open: S3 says InvalidToken; an unknown key: InvalidAccessKeyId.
        if (parsed.scope.accessKeyId.startsWith('ASIA') && parsed.sessionToken !== undefined) {
          throw toS3Error(new AwsError('InvalidToken', ''), { Token: parsed.sessionToken.slice(0, 40) });
        }
        throw toS3Error(e, { AWSAccessKeyId: parsed.scope.accessKeyId });
      }
      throw isAwsError(e) ? toS3Error(e) : e;
    }
    try {
      checkSignature(parsed, cred.secretAccessKey);
    } catch (e) {
      if (isAwsError(e) && e.code === 'SignatureDoesNotMatch') throw signatureMismatch(parsed);
      throw e;
    }
    return { caller: cred.caller, region: parsed.scope.region, parsed, secret: cred.secretAccessKey };
  }

  private body(req: IncomingMessage, h: Record<string, string | undefined>, a: Authenticated): S3Body {
    const payload = a.parsed?.payloadHash ?? h['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
    const contentLength = h['content-length'] !== undefined ? Number(h['content-length']) : undefined;
    if (isStreamingPayload(payload) && a.parsed?.form === 'header') {
      if (!isSupportedStreamingPayload(payload)) throw streamingNotImplemented();
      const p = a.parsed;
      const signed = payload !== STREAMING_UNSIGNED_TRAILER;
      const decoder = new ChunkedDecoder(
        signed
          ? {
              key: defaultKeyCache.get(a.secret!, p.scope.date, p.scope.region, p.scope.service),
              amzDate: p.amzDate,
              scope: `${p.scope.date}/${p.scope.region}/${p.scope.service}/aws4_request`,
              seedSignature: p.signature,
            }
          : undefined,
        payload.endsWith('-TRAILER'),
      );
      req.on('error', (e) => decoder.destroy(e));
      req.on('aborted', () =>
        decoder.destroy(s3Error('IncompleteBody', 'The request body terminated unexpectedly')),
      );
      req.pipe(decoder);
      const decoded = h['x-amz-decoded-content-length'];
      if (decoded === undefined) {
        throw s3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
      }
      return { stream: decoder, trailers: () => decoder.trailers, declaredLength: Number(decoded) };
    }
    return {
      stream: req,
      trailers: () => ({}),
      ...(/^[0-9a-f]{64}$/.test(payload) && { expectedSha256: payload }),
      ...(contentLength !== undefined && Number.isFinite(contentLength) && { declaredLength: contentLength }),
    };
  }

  private async send(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    uuid: string,
    r: S3Result,
    method: string,
  ): Promise<number> {
    const headers: Record<string, string> = {
      'x-amz-request-id': requestId,
      'x-amz-id-2': hostId(uuid),
      server: 'AmazonS3',
      ...r.headers,
    };
    const status = r.status ?? 200;
    const body = r.body;
    if (body instanceof Readable) {
      res.writeHead(status, headers);
      let n = 0;
      body.on('data', (c: Buffer) => (n += c.length));
      await new Promise<void>((resolve) => {
        body.once('error', () => {
          res.destroy();
          resolve();
        });
        res.once('close', () => {
          body.destroy();
          resolve();
        });
        body.pipe(res);
      });
      return n;
    }
    const buf = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    if (buf && headers['content-type'] === undefined) headers['content-type'] = 'application/xml';
    if (headers['content-length'] === undefined) headers['content-length'] = String(buf?.length ?? 0);
    this.finishRequest(req, headers);
    res.writeHead(status, headers);
    res.end(method === 'HEAD' ? undefined : buf);
    return buf?.length ?? 0;
  }

  private sendError(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    uuid: string,
    e: AwsError,
    method: string,
    bucket: string | undefined,
    key: string | undefined,
  ): void {
    const hid = hostId(uuid);
    const fields = { ...e.fields };
    if (e.code === 'NoSuchKey' && key !== undefined) fields['Key'] = key;
    if (e.code === 'AccessDenied' || e.code === 'NoSuchBucket') {
      if (bucket !== undefined && e.code === 'NoSuchBucket') fields['BucketName'] = bucket;
    }
    const body = encodeS3ErrorBody(
      new AwsError(e.code, e.message, { status: e.status, fields }),
      requestId,
      hid,
    );
    const headers: Record<string, string> = {
      'x-amz-request-id': requestId,
      'x-amz-id-2': hid,
      server: 'AmazonS3',
      'content-type': 'application/xml',
    };
    const buf = Buffer.from(body);
    headers['content-length'] = method === 'HEAD' ? '0' : String(buf.length);
    this.finishRequest(req, headers);
    res.writeHead(e.status, headers);
    res.end(method === 'HEAD' ? undefined : buf);
  }

  /** A body we did not read is not drained (it could be gigabytes): the connection closes after the answer. */
  private finishRequest(req: IncomingMessage, headers: Record<string, string>): void {
    if (!req.complete && !req.readableEnded) {
      headers['connection'] = 'close';
      req.resume();
    }
  }
}

function authInfo(p: ParsedSigV4 | undefined): S3Auth {
  if (!p) return {};
  return { authType: p.form === 'header' ? 'REST-HEADER' : 'REST-QUERY-STRING', signedAt: p.signedAt };
}

/** S3's SignatureDoesNotMatch names what it computed, so a client can see where its signing went wrong. */
function signatureMismatch(p: ParsedSigV4): AwsError {
  const hex = (s: string) =>
    [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return s3Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    403,
    {
      AWSAccessKeyId: p.scope.accessKeyId,
      StringToSign: p.stringToSign,
      SignatureProvided: p.signature,
      StringToSignBytes: hex(p.stringToSign),
      CanonicalRequest: p.canonicalRequest,
      CanonicalRequestBytes: hex(p.canonicalRequest),
    },
  );
}
