// One request, start to finish: authenticate (SigV4), route to the service by the credential scope,
// decode with the service's protocol codec, authorize with the engine, run the operation, encode.
// Everything AWS-visible is an AwsError encoded by the codec of the service that was addressed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ServerEnv } from '../services/env.js';
import type { OperationContext, OperationDef, ServiceDef } from '../services/types.js';
import { ANONYMOUS, type Caller } from '../services/caller.js';
import { AwsError, isAwsError, internalFailure, missingAuthenticationToken } from '../wire/errors.js';
import { authForm, parseSigV4 } from '../wire/sigv4/index.js';
import { SIGV4_OPTIONS, clientIp, operationContext } from './request-context.js';
import { headersFromRaw, nodeHeadersIfSame } from '../wire/headers.js';
import { codecFor } from '../wire/codecs.js';
import type { WireRequest, WireResponse } from '../wire/protocol.js';
import { loadModel, type ServiceModel, type ServiceName } from '../wire/models.js';
import { MAX_API_BODY_BYTES, readBody } from './body.js';
import type { Authenticator } from './authenticate.js';
import type { Authorizer } from './authorize.js';
import { handleAdmin } from './admin.js';
import { createOidcEndpoints, OIDC_PREFIX } from './oidc-endpoints.js';
import { createSamlEndpoints, SAML_PREFIX } from './saml-endpoints.js';
import { sessionTokenRestriction } from '../services/sts/ops-extra.js';
import { S3Endpoint, isS3Request } from './s3.js';
import type { AuditRecorder } from '../services/cloudtrail/recorder.js';
import type { ApiCallCapture } from '../services/cloudtrail/record.js';
import { handleImdsEndpoint, IMDS_ENDPOINT_PATH } from './imds-endpoint-route.js';
import { writeSoon } from './reply-batch.js';

/** Operations AWS accepts without a signature, by Action (they are routed to STS). */
const ANONYMOUS_STS_ACTIONS = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

/** An API request as the HTTP layer (node:http or the fast path) read it. */
export interface ApiRequest {
  method: string;
  path: string;
  rawQuery: string;
  /** Lower-case names, repeated headers joined as SigV4 expects (headersFromRaw). */
  headers: Record<string, string>;
  body: Buffer;
  /** The client's address as AWS shows it (clientIp). */
  sourceIp: string;
}

export interface RequestHandlerDeps {
  env: ServerEnv;
  services: Map<string, ServiceDef>;
  authn: Authenticator;
  authz: Authorizer;
  /** Records every API call as CloudTrail events (absent with --audit off). */
  audit?: AuditRecorder;
}

export class RequestHandler {
  private readonly models = new Map<string, ServiceModel>();
  private readonly oidc: ReturnType<typeof createOidcEndpoints>;
  private readonly saml: ReturnType<typeof createSamlEndpoints>;
  /** S3 streams its bodies: its requests never reach readBody. */
  readonly s3: S3Endpoint;
  /**
   * Called once a turn's replies are written (by both HTTP paths' reply batches): the audit recorder's
   * afterReplies, which records the calls they answered (undefined with auditing off).
   */
  readonly afterReplies: (() => void) | undefined;

  constructor(private readonly deps: RequestHandlerDeps) {
    const audit = deps.audit;
    this.afterReplies = audit ? () => audit.afterReplies() : undefined;
    this.oidc = createOidcEndpoints({ env: deps.env, authn: deps.authn, authz: deps.authz });
    this.saml = createSamlEndpoints({ env: deps.env, authn: deps.authn, authz: deps.authz });
    this.s3 = new S3Endpoint({ env: deps.env, authn: deps.authn, authz: deps.authz });
  }

  private model(service: ServiceDef): ServiceModel {
    let m = this.models.get(service.name);
    if (!m) {
      m = loadModel(service.name as ServiceName);
      this.models.set(service.name, m);
    }
    return m;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const route = routeOf(path);
    if (route === 'oidc') return this.oidc(req, res, path, rawQuery);
    if (route === 'saml') return this.saml(req, res, path, rawQuery);
    if (route === 'imds-endpoint') return handleImdsEndpoint(this.deps, req, res, path, rawQuery);
    if (route === 'admin') return handleAdmin(this.deps.env, req, res, path);
    // Node's req.headers joins some repeated headers differently from SigV4; ours when they differ.
    const headers = nodeHeadersIfSame(req.headers, req.rawHeaders) ?? headersFromRaw(req.rawHeaders);
    if (isS3Request(headers, path, rawQuery)) return this.s3.handle(req, res, path, rawQuery);
    const sourceIp = clientIp(req);
    let body: Buffer;
    try {
      body = await readBody(req, MAX_API_BODY_BYTES, headers['content-length']);
    } catch (err) {
      send(res, this.failed({ requestId: randomUUID(), sourceIp }, err), this.afterReplies);
      return;
    }
    const pending = this.apiCall({ method: req.method ?? 'GET', path, rawQuery, headers, body, sourceIp });
    // Most operations answer synchronously: awaiting only a real promise saves two microtask turns.
    send(res, pending instanceof Promise ? await pending : pending, this.afterReplies);
  }

  /**
   * Whether a request goes down the API path (apiCall): not one of rolechain's own routes, not S3.
   * `handle` routes the same way; the HTTP fast path asks this before it serves a request itself.
   */
  isApiRequest(path: string, rawQuery: string, headers: Record<string, string | undefined>): boolean {
    return routeOf(path) === 'api' && !isS3Request(headers, path, rawQuery);
  }

  /**
   * An API call with its body read: dispatch, audit, the reply (never throws: errors are encoded
   * replies). node:http's path (handle) and the HTTP fast path both end here.
   */
  apiCall(req: ApiRequest): WireResponse | Promise<WireResponse> {
    const requestId = randomUUID();
    const wire: WireRequest = {
      method: req.method,
      path: req.path,
      rawQuery: req.rawQuery,
      headers: req.headers,
      body: req.body,
    };
    // What the audit record needs, filled in as the request goes (recorded before the reply is sent).
    const cap: ApiCallCapture = { requestId, sourceIp: req.sourceIp, wire };
    try {
      const pending = this.dispatch(wire, requestId, cap.sourceIp, cap);
      if (pending instanceof Promise) {
        return pending.then(
          (response) => this.succeeded(cap, response),
          (err: unknown) => this.failed(cap, err),
        );
      }
      return this.succeeded(cap, pending);
    } catch (err) {
      return this.failed(cap, err);
    }
  }

  private succeeded(cap: ApiCallCapture, response: WireResponse): WireResponse {
    this.deps.audit?.apiCall(cap);
    return withContentLength(response);
  }

  private failed(cap: ApiCallCapture, err: unknown): WireResponse {
    const response = this.errorResponse(err, cap.service, cap.wire, cap.requestId);
    this.deps.audit?.apiCall(cap, err);
    return withContentLength(response);
  }

  private dispatch(
    wire: WireRequest,
    requestId: string,
    sourceIp: string,
    cap: ApiCallCapture,
  ): WireResponse | Promise<WireResponse> {
    const { env, services, authn } = this.deps;
    const signed = authForm(wire) !== 'none';
    let service: ServiceDef | undefined;
    let caller: Caller = ANONYMOUS;
    let region = env.config.defaultRegion;
    if (signed) {
      const parsed = parseSigV4(wire, SIGV4_OPTIONS);
      service = services.get(parsed.scope.service);
      if (!service) throw unknownService(parsed.scope.service);
      cap.service = service;
      cap.claimedAccessKeyId = parsed.scope.accessKeyId;
      cap.region = region = parsed.scope.region;
      caller = cap.caller = authn.verify(parsed).caller;
    } else {
      service = guessUnsignedService(wire, services);
      cap.service = service;
    }
    const model = this.model(service);
    const codec = codecFor(model);
    const { operation, input } = codec.decode(wire, model);
    const op = service.operations.get(operation);
    cap.operation = operation;
    cap.op = op;
    cap.input = input;
    if (!op) throw notImplemented(service.name, operation);
    if (!signed && !op.anonymous) throw missingAuthenticationToken();
    // AWS limits what GetSessionToken and federated-user sessions may call.
    const restricted = sessionTokenRestriction(caller, service.name, operation);
    if (restricted) throw restricted;
    const ctx = operationContext(env, this.deps.authz, {
      requestId,
      caller,
      region,
      sourceIp,
      userAgent: wire.headers['user-agent'],
    });
    this.authorizeAll(op, input, ctx);
    const encode = (output: unknown): WireResponse => {
      cap.output = output;
      return codec.encodeResult(model, operation, output ?? {}, requestId);
    };
    const result = op.handler(ctx, input);
    return result instanceof Promise ? result.then(encode) : encode(result);
  }

  private authorizeAll(op: OperationDef, input: unknown, ctx: OperationContext): void {
    if (!op.authz) return;
    const checks = op.authz(input, ctx);
    if (!checks) return;
    for (const c of Array.isArray(checks) ? checks : [checks]) this.deps.authz.authorize(ctx, c);
  }

  private errorResponse(
    err: unknown,
    service: ServiceDef | undefined,
    wire: WireRequest | undefined,
    requestId: string,
  ): WireResponse {
    let e: AwsError;
    if (isAwsError(err)) e = err;
    else {
      this.deps.env.log.error('internal error', { requestId, error: String((err as Error)?.stack ?? err) });
      e = internalFailure();
    }
    const s =
      service ?? (wire ? guessUnsignedService(wire, this.deps.services) : this.deps.services.get('sts')!);
    const model = this.model(s);
    return codecFor(model).encodeError(model, e, requestId);
  }
}

/** An unsigned request: route by X-Amz-Target (JSON protocols) or by the query Action. */
function guessUnsignedService(wire: WireRequest, services: Map<string, ServiceDef>): ServiceDef {
  const target = wire.headers['x-amz-target'];
  if (target) {
    for (const s of services.values()) {
      if (s.protocol === 'json' && target.startsWith(targetPrefixOf(s) + '.')) return s;
    }
  }
  const params = new URLSearchParams(wire.rawQuery);
  const ct = wire.headers['content-type'] ?? '';
  if (ct.startsWith('application/x-www-form-urlencoded') && wire.body.length) {
    for (const [k, v] of new URLSearchParams(wire.body.toString('utf8'))) params.append(k, v);
  }
  const action = params.get('Action');
  if (action && ANONYMOUS_STS_ACTIONS.has(action)) return services.get('sts')!;
  if (action && services.get('iam')?.operations.has(action)) return services.get('iam')!;
  return services.get('sts')!;
}

function targetPrefixOf(s: ServiceDef): string {
  return loadModel(s.name as ServiceName).metadata.targetPrefix ?? s.name;
}

function unknownService(name: string): AwsError {
  return new AwsError('UnrecognizedClientException', `rolechain does not serve the service '${name}'.`);
}

function notImplemented(service: string, operation: string): AwsError {
  return new AwsError('NotImplemented', `rolechain does not implement ${service}:${operation} yet.`, {
    status: 501,
  });
}

/** Always with Content-Length, as AWS answers: a chunked reply costs an extra write per response. */
function withContentLength(r: WireResponse): WireResponse {
  const headers = r.headers;
  if (headers['content-length'] === undefined && headers['Content-Length'] === undefined) {
    headers['content-length'] = String(Buffer.byteLength(r.body));
  }
  return r;
}

function send(res: ServerResponse, r: WireResponse, after?: () => void): void {
  writeSoon(res, r.status, r.headers, r.body, after);
}

type Route = 'oidc' | 'saml' | 'imds-endpoint' | 'admin' | 'api';

/** rolechain's own routes by path; everything else is an API call (or S3, told by isS3Request). */
function routeOf(path: string): Route {
  if (path.startsWith(OIDC_PREFIX)) return 'oidc';
  if (path.startsWith(SAML_PREFIX)) return 'saml';
  if (path === IMDS_ENDPOINT_PATH) return 'imds-endpoint';
  if (path.startsWith('/_rolechain/')) return 'admin';
  return 'api';
}
