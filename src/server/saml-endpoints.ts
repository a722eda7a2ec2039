// rolechain's simulated SAML identity provider over HTTP, mounted under /_rolechain/saml/. Both routes
// are SigV4-signed like any AWS call (scope service "sts"); the caller's account is the account the
// IdP certificate is made for.
//
//   POST /_rolechain/saml/metadata    body {"EntityId", "SsoUrl"?}  reply {"EntityId","Metadata"}
//        the IdP metadata (signing certificate included) to pass to iam:CreateSAMLProvider
//   POST /_rolechain/saml/assertion   mint a signed SAMLResponse; needs an allow for
//        rolechain:MintSamlAssertion on arn:aws:rolechain::<account>:saml-idp/<entity id>
//        body {"EntityId","Subject","Roles": ["roleArn,providerArn"…], "SessionName"?,
//              "Attributes"?: {name: [values]}, "NameIdFormat"?, "ExpiresInSeconds"?}
//        reply {"SAMLResponse" (base64), "EntityId", "Subject", "Expiration"}
//
// Condition keys for the mint permission: rolechain:SamlEntityId, rolechain:SamlSubject,
// rolechain:SamlRoleArn (the role ARNs of the Role attribute).
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
import { simulatedIssuersEnabled } from '../services/sts/oidc/simulated.js';
import {
  MAX_ASSERTION_LIFETIME_S,
  mintSimulatedAssertion,
  simulatedMetadata,
} from '../services/sts/saml/simulated.js';

export const MINT_SAML_ACTION = 'rolechain:MintSamlAssertion';
export const SAML_PREFIX = '/_rolechain/saml/';
const MAX_ATTRIBUTES_CHARS = 16 * 1024;
const ROLE_PAIR_RE =
  /^arn:aws:iam::\d{12}:(role|saml-provider)\/[^,]+,\s*arn:aws:iam::\d{12}:(role|saml-provider)\/[^,]+$/;

export interface SamlEndpointDeps {
  env: ServerEnv;
  authn: Authenticator;
  authz: Authorizer;
}

export function samlIdpArn(account: string, entityId: string): string {
  return `arn:aws:rolechain::${account}:saml-idp/${entityId}`;
}

const invalid = (message: string) => new AwsError('ValidationError', message);
const isStr = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;

function parseJson(buf: Buffer): Record<string, unknown> {
  let o: unknown;
  try {
    o = JSON.parse(buf.toString('utf8') || '{}');
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    throw invalid('The request body must be a JSON object.');
  return o as Record<string, unknown>;
}

function entityId(o: Record<string, unknown>): string {
  if (!isStr(o.EntityId, 1, 1024) || /[\s<>"]/.test(o.EntityId))
    throw invalid('EntityId must be 1 to 1024 characters without white space, <, > or ".');
  return o.EntityId;
}

interface MintBody {
  entityId: string;
  subject: string;
  roles: string[];
  sessionName?: string;
  attributes?: Record<string, string[]>;
  nameIdFormat?: string;
  expiresInSeconds: number;
}

function parseMintBody(o: Record<string, unknown>): MintBody {
  const id = entityId(o);
  if (!isStr(o.Subject, 1, 256)) throw invalid('Subject must be a string of 1 to 256 characters.');
  const roles = typeof o.Roles === 'string' ? [o.Roles] : o.Roles;
  if (
    !Array.isArray(roles) ||
    roles.length < 1 ||
    roles.length > 10 ||
    !roles.every((r) => typeof r === 'string' && r.length <= 2100 && ROLE_PAIR_RE.test(r))
  ) {
    throw invalid('Roles must list 1 to 10 "roleArn,samlProviderArn" pairs.');
  }
  if (o.SessionName !== undefined && !isStr(o.SessionName, 1, 256))
    throw invalid('SessionName must be a string of 1 to 256 characters.');
  if (o.NameIdFormat !== undefined && !isStr(o.NameIdFormat, 1, 256))
    throw invalid('NameIdFormat must be a string of 1 to 256 characters.');
  const a = o.Attributes;
  if (a !== undefined) {
    if (
      typeof a !== 'object' ||
      a === null ||
      Array.isArray(a) ||
      !Object.entries(a).every(
        ([k, v]) =>
          k.length >= 1 && k.length <= 1024 && Array.isArray(v) && v.every((x) => typeof x === 'string'),
      )
    )
      throw invalid('Attributes must map attribute names to lists of strings.');
    if (JSON.stringify(a).length > MAX_ATTRIBUTES_CHARS)
      throw invalid(`Attributes must not exceed ${MAX_ATTRIBUTES_CHARS} characters of JSON.`);
  }
  const exp = o.ExpiresInSeconds ?? MAX_ASSERTION_LIFETIME_S;
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp < 1 || exp > MAX_ASSERTION_LIFETIME_S)
    throw invalid(`ExpiresInSeconds must be an integer from 1 to ${MAX_ASSERTION_LIFETIME_S}.`);
  return {
    entityId: id,
    subject: o.Subject,
    roles: roles as string[],
    sessionName: o.SessionName as string | undefined,
    attributes: a as Record<string, string[]> | undefined,
    nameIdFormat: o.NameIdFormat as string | undefined,
    expiresInSeconds: exp,
  };
}

/** Returns a handler for paths under /_rolechain/saml/; it answers 404 for unknown ones. */
export function createSamlEndpoints(deps: SamlEndpointDeps) {
  const { env, authn, authz } = deps;

  async function signedCall(req: IncomingMessage, path: string, rawQuery: string, requestId: string) {
    const body = await readBody(req, 64 * 1024);
    const headers = headersFromRaw(req.rawHeaders);
    const wire: WireRequest = { method: req.method ?? 'POST', path, rawQuery, headers, body };
    const ctx = verifiedContext(env, authn, authz, req, wire, requestId);
    if (!simulatedIssuersEnabled(env)) {
      throw accessDenied(
        'Simulated identity providers are turned off on this server (ROLECHAIN_SIMULATED_OIDC=off).',
      );
    }
    return { ctx, caller: ctx.caller, headers, json: parseJson(body) };
  }

  async function metadata(req: IncomingMessage, path: string, rawQuery: string, requestId: string) {
    const { caller, headers, json } = await signedCall(req, path, rawQuery, requestId);
    const id = entityId(json);
    // The IdP's SSO location is informational (STS never calls it); by default, this server.
    const sso = json.SsoUrl ?? `http://${headers.host ?? '127.0.0.1'}/_rolechain/saml/sso`;
    if (!isStr(sso, 1, 1024) || !/^https?:\/\/\S+$/.test(sso))
      throw invalid('SsoUrl must be an http(s) URL.');
    return { EntityId: id, Metadata: await simulatedMetadata(env, caller.accountId, id, sso) };
  }

  async function mint(req: IncomingMessage, path: string, rawQuery: string, requestId: string) {
    const { ctx, caller, json } = await signedCall(req, path, rawQuery, requestId);
    const m = parseMintBody(json);
    // One key signs every simulated assertion: what keeps a minter to its own account is that the Role
    // attribute (which AssumeRoleWithSAML requires to name the role and the provider) names only it.
    for (const pair of m.roles) {
      if (pair.split(',').some((arn) => arn.trim().split(':')[4] !== caller.accountId))
        throw accessDenied(
          'Simulated SAML assertions may only name roles and providers of your own account.',
        );
    }
    const roleArns = m.roles.map((r) =>
      r
        .split(',')
        .map((s) => s.trim())
        .find((s) => s.includes(':role/'))!,
    );
    ctx.authorize({
      action: MINT_SAML_ACTION,
      resource: samlIdpArn(caller.accountId, m.entityId),
      context: {
        'rolechain:SamlEntityId': m.entityId,
        'rolechain:SamlSubject': m.subject,
        'rolechain:SamlRoleArn': roleArns,
      },
    });
    const t = await mintSimulatedAssertion(env, {
      account: caller.accountId,
      entityId: m.entityId,
      subject: m.subject,
      nameIdFormat: m.nameIdFormat,
      roles: m.roles,
      sessionName: m.sessionName,
      attributes: m.attributes,
      expiresInSeconds: m.expiresInSeconds,
      now: env.clock.nowMs(),
    });
    env.log.info('minted simulated SAML assertion', {
      requestId,
      caller: caller.arn,
      entityId: m.entityId,
      subject: m.subject,
    });
    return {
      SAMLResponse: t.assertion,
      EntityId: m.entityId,
      Subject: m.subject,
      Expiration: t.expiresAt.toISOString(),
    };
  }

  return async function handleSaml(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    rawQuery = '',
  ): Promise<void> {
    const requestId = randomUUID();
    try {
      const rest = path.slice(SAML_PREFIX.length);
      if (req.method === 'POST' && rest === 'assertion') {
        sendJson(res, 200, await mint(req, path, rawQuery, requestId), requestId);
        return;
      }
      if (req.method === 'POST' && rest === 'metadata') {
        sendJson(res, 200, await metadata(req, path, rawQuery, requestId), requestId);
        return;
      }
      throw new AwsError('NotFound', `no such rolechain endpoint: ${path}`, { status: 404 });
    } catch (e) {
      sendJsonError(env, res, e, requestId);
    }
  };
}
