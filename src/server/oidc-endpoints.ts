// rolechain's simulated OIDC issuers over HTTP, mounted under /_rolechain/oidc/:
//
//   POST /_rolechain/oidc/token               mint a token (SigV4-signed like any AWS call, scope service
//                                             "sts"; needs an allow for rolechain:MintOidcToken on
//                                             arn:aws:rolechain::<account>:oidc-issuer/<host/path>)
//        body  {"Issuer","Subject","Audience": string|string[], "Claims"?: {...}, "ExpiresInSeconds"?}
//        reply {"Token","Issuer","Subject","Audience","Expiration"}
//   GET  /_rolechain/oidc/<account>/jwks.json the public key simulated tokens for <account> are signed with
//
// Condition keys for the mint permission: rolechain:OidcIssuer, rolechain:OidcSubject, rolechain:OidcAudience.
// Errors are JSON {"__type": code, "message"} with AWS's statuses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ServerEnv } from '../services/env.js';
import { AwsError, accessDenied } from '../wire/errors.js';
import { headersFromRaw } from '../wire/headers.js';
import type { WireRequest } from '../wire/protocol.js';
import { readBody } from './body.js';
import type { Authenticator } from './authenticate.js';
import type { Authorizer } from './authorize.js';
import { sendJson, sendJsonError, verifiedContext } from './request-context.js';
import {
  MAX_EXTRA_CLAIMS_CHARS,
  MAX_TOKEN_LIFETIME_S,
  DEFAULT_TOKEN_LIFETIME_S,
  mintSimulatedToken,
  normalizeIssuer,
  simulatedIssuersEnabled,
  simulatedJwks,
} from '../services/sts/oidc/simulated.js';

export const MINT_ACTION = 'rolechain:MintOidcToken';
export const OIDC_PREFIX = '/_rolechain/oidc/';

export interface OidcEndpointDeps {
  env: ServerEnv;
  authn: Authenticator;
  authz: Authorizer;
}

export function oidcIssuerArn(account: string, issuer: string): string {
  return `arn:aws:rolechain::${account}:oidc-issuer/${issuer.replace(/^https:\/\//, '')}`;
}

const invalid = (message: string) => new AwsError('ValidationError', message);

interface MintBody {
  Issuer: string;
  Subject: string;
  Audience: string[];
  Claims?: Record<string, unknown>;
  ExpiresInSeconds: number;
}

function parseMintBody(buf: Buffer): MintBody {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(buf.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    throw invalid('The request body must be a JSON object.');
  const issuer = typeof o.Issuer === 'string' ? normalizeIssuer(o.Issuer) : undefined;
  if (!issuer) throw invalid('Issuer must be an https:// URL without query or fragment.');
  if (typeof o.Subject !== 'string' || o.Subject.length < 1 || o.Subject.length > 255) {
    throw invalid('Subject must be a string of 1 to 255 characters.');
  }
  const aud = typeof o.Audience === 'string' ? [o.Audience] : o.Audience;
  if (
    !Array.isArray(aud) ||
    aud.length < 1 ||
    aud.length > 10 ||
    !aud.every((a) => typeof a === 'string' && a.length >= 1 && a.length <= 255)
  ) {
    throw invalid('Audience must be a string or a list of 1 to 10 strings of 1 to 255 characters.');
  }
  const claims = o.Claims;
  if (claims !== undefined) {
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
      throw invalid('Claims must be an object.');
    if (JSON.stringify(claims).length > MAX_EXTRA_CLAIMS_CHARS) {
      throw invalid(`Claims must not exceed ${MAX_EXTRA_CLAIMS_CHARS} characters of JSON.`);
    }
  }
  const exp = o.ExpiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_S;
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp < 1 || exp > MAX_TOKEN_LIFETIME_S) {
    throw invalid(`ExpiresInSeconds must be an integer from 1 to ${MAX_TOKEN_LIFETIME_S}.`);
  }
  return {
    Issuer: issuer,
    Subject: o.Subject,
    Audience: aud as string[],
    Claims: claims as Record<string, unknown> | undefined,
    ExpiresInSeconds: exp,
  };
}

/** Returns a handler for paths under /_rolechain/oidc/; it answers 404 for unknown ones. */
export function createOidcEndpoints(deps: OidcEndpointDeps) {
  const { env, authn, authz } = deps;

  async function mint(
    req: IncomingMessage,
    path: string,
    rawQuery: string,
    requestId: string,
  ): Promise<unknown> {
    const body = await readBody(req, 64 * 1024);
    const headers = headersFromRaw(req.rawHeaders);
    const wire: WireRequest = { method: req.method ?? 'POST', path, rawQuery, headers, body };
    const ctx = verifiedContext(env, authn, authz, req, wire, requestId);
    const caller = ctx.caller;
    if (!simulatedIssuersEnabled(env)) {
      throw accessDenied(
        'Simulated OIDC issuers are turned off on this server (ROLECHAIN_SIMULATED_OIDC=off).',
      );
    }
    const m = parseMintBody(body);
    ctx.authorize({
      action: MINT_ACTION,
      resource: oidcIssuerArn(caller.accountId, m.Issuer),
      context: {
        'rolechain:OidcIssuer': m.Issuer,
        'rolechain:OidcSubject': m.Subject,
        'rolechain:OidcAudience': m.Audience,
      },
    });
    const t = await mintSimulatedToken(env, {
      account: caller.accountId,
      issuer: m.Issuer,
      sub: m.Subject,
      aud: m.Audience.length === 1 ? m.Audience[0]! : m.Audience,
      claims: m.Claims,
      expiresInSeconds: m.ExpiresInSeconds,
      now: env.clock.nowMs(),
    });
    env.log.info('minted simulated OIDC token', {
      requestId,
      caller: caller.arn,
      issuer: m.Issuer,
      subject: m.Subject,
    });
    return {
      Token: t.token,
      Issuer: m.Issuer,
      Subject: m.Subject,
      Audience: m.Audience,
      Expiration: t.expiresAt.toISOString(),
    };
  }

  return async function handleOidc(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    rawQuery = '',
  ): Promise<void> {
    const requestId = randomUUID();
    try {
      const rest = path.slice(OIDC_PREFIX.length);
      if (rest === 'token' && req.method === 'POST') {
        sendJson(res, 200, await mint(req, path, rawQuery, requestId), requestId);
        return;
      }
      const jwks = /^(\d{12})\/jwks\.json$/.exec(rest);
      if (jwks && req.method === 'GET') {
        if (!simulatedIssuersEnabled(env))
          throw new AwsError('NotFound', 'Simulated OIDC issuers are turned off.', { status: 404 });
        sendJson(res, 200, await simulatedJwks(env, jwks[1]!), requestId);
        return;
      }
      throw new AwsError('NotFound', `no such rolechain endpoint: ${path}`, { status: 404 });
    } catch (e) {
      sendJsonError(env, res, e, requestId);
    }
  };
}
