// What every endpoint of the server (the API handler, S3, the OIDC mint and IMDS-endpoint routes) does the
// same way: the client's address as AWS shows it, SigV4 verification of a request that must be signed, and
// the OperationContext that authorizes with the engine.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerEnv } from '../services/env.js';
import type { Caller } from '../services/caller.js';
import type { AuthzCheck, OperationContext } from '../services/types.js';
import type { WireRequest } from '../wire/protocol.js';
import { isAwsError, missingAuthenticationToken, type AwsError } from '../wire/errors.js';
import { authForm, isRegionName, parseSigV4, type ParsedSigV4 } from '../wire/sigv4/index.js';
import type { Authenticator } from './authenticate.js';
import type { Authorizer } from './authorize.js';

/** Every credential scope must name a region (any of AWS's: one endpoint serves them all). */
export const SIGV4_OPTIONS = { isValidRegion: isRegionName };

/** Node reports IPv4 clients on dual-stack sockets as ::ffff:a.b.c.d; AWS shows a.b.c.d. */
export function clientIp(req: IncomingMessage): string {
  return clientAddress(req.socket.remoteAddress);
}

/** clientIp from a socket's remoteAddress (the HTTP fast path has no IncomingMessage). */
export function clientAddress(remoteAddress: string | undefined): string {
  const ip = remoteAddress ?? '127.0.0.1';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

/** Parses and verifies a request that must be signed (MissingAuthenticationToken when it is not). */
export function verifySigned(
  authn: Authenticator,
  wire: WireRequest,
): { parsed: ParsedSigV4; caller: Caller } {
  if (authForm(wire) === 'none') throw missingAuthenticationToken();
  const parsed = parseSigV4(wire, SIGV4_OPTIONS);
  return { parsed, caller: authn.verify(parsed).caller };
}

/** verifySigned, then the OperationContext of the verified caller, for rolechain's own signed routes. */
export function verifiedContext(
  env: ServerEnv,
  authn: Authenticator,
  authz: Authorizer,
  req: IncomingMessage,
  wire: WireRequest,
  requestId: string,
): OperationContext {
  const { parsed, caller } = verifySigned(authn, wire);
  return operationContext(env, authz, {
    requestId,
    caller,
    region: parsed.scope.region,
    sourceIp: clientIp(req),
    userAgent: wire.headers['user-agent'],
  });
}

export function operationContext(
  env: ServerEnv,
  authz: Authorizer,
  r: { requestId: string; caller: Caller; region: string; sourceIp: string; userAgent: string | undefined },
): OperationContext {
  const ctx: OperationContext = {
    requestId: r.requestId,
    caller: r.caller,
    region: r.region,
    sourceIp: r.sourceIp,
    userAgent: r.userAgent ?? '',
    now: env.clock.now(),
    env,
    authorize: (check: AuthzCheck) => authz.authorize(ctx, check),
  };
  return ctx;
}

/** A JSON reply of rolechain's own routes (OIDC, SAML, IMDS endpoint), with AWS's request-id header. */
export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/**
 * The JSON error reply of those routes: an AwsError as {__type, message} (mapped by `wireError`, e.g. to
 * EC2's codes), anything else logged and answered as a 500 that says nothing of its cause.
 */
export function sendJsonError(
  env: ServerEnv,
  res: ServerResponse,
  e: unknown,
  requestId: string,
  opts: { internalCode?: string; wireError?: (e: AwsError) => AwsError } = {},
): void {
  if (isAwsError(e)) {
    const err = opts.wireError ? opts.wireError(e) : e;
    sendJson(res, err.status, { __type: err.code, message: err.message }, requestId);
    return;
  }
  env.log.error('internal error', { requestId, error: String((e as Error)?.stack ?? e) });
  const code = opts.internalCode ?? 'InternalFailure';
  sendJson(res, 500, { __type: code, message: 'An internal error has occurred' }, requestId);
}
