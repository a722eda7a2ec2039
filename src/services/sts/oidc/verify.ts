// Verifies a web identity token as STS does for AssumeRoleWithWebIdentity: a well-formed JWT whose issuer
// is an IAM OIDC provider of the role's account, signed (RS*/ES*/PS*) by a key of that issuer's JWKS
// (OIDC discovery, cached) — or, for simulated issuers, by rolechain's own key for that account — with
// an audience among the provider's client ids, and valid now by exp / nbf / iat (server clock).
import {
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import type { KeyObject } from 'node:crypto';
import type { ServerEnv } from '../../env.js';
import { KIND, type OidcProviderRecord } from '../../iam/model.js';
import { providerUrlId } from '../../iam/operations/CreateOpenIDConnectProvider.js';
import { JwksCache } from './discovery.js';
import {
  idpRejectedClaim,
  incorrectAudience,
  invalidIdentityToken,
  noProvider,
  NO_VERIFICATION_KEY,
  NOT_A_JWT,
  tokenExpired,
} from './errors.js';
import { simulatedIssuersEnabled, simulatedKeyFor } from './simulated.js';

export const ALLOWED_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'];
/** Tolerated clock difference for nbf / iat in the future. */
export const CLOCK_SKEW_S = 300;

export interface VerifiedWebIdentity {
  provider: OidcProviderRecord;
  claims: JWTPayload & Record<string, unknown>;
  issuer: string;
  subject: string;
  /** The client id that matched (azp when present, else the matching aud). */
  audience: string;
  /** Whether rolechain's simulated issuer signed it. */
  simulated: boolean;
}

const caches = new WeakMap<ServerEnv, JwksCache>();

export function jwksCache(env: ServerEnv): JwksCache {
  let c = caches.get(env);
  if (!c) {
    c = new JwksCache();
    caches.set(env, c);
  }
  return c;
}

/** Tests install a cache with a fake fetch. */
export function setJwksCache(env: ServerEnv, cache: JwksCache): void {
  caches.set(env, cache);
}

function decode(token: string): {
  header: ProtectedHeaderParameters;
  claims: JWTPayload & Record<string, unknown>;
} {
  if (token.split('.').length !== 3) throw invalidIdentityToken(NOT_A_JWT);
  try {
    return {
      header: decodeProtectedHeader(token),
      claims: decodeJwt(token) as JWTPayload & Record<string, unknown>,
    };
  } catch {
    throw invalidIdentityToken(NOT_A_JWT);
  }
}

export async function verifyWebIdentityToken(
  env: ServerEnv,
  token: string,
  account: string,
  nowMs: number,
): Promise<VerifiedWebIdentity> {
  const { header, claims } = decode(token);
  const iss = claims.iss;
  if (typeof iss !== 'string' || iss === '') throw invalidIdentityToken(NOT_A_JWT);
  const id = providerUrlId(iss);
  const provider = id ? env.store.get<OidcProviderRecord>(KIND.oidcProvider, account, id)?.data : undefined;
  if (!provider) throw noProvider(iss);

  if (typeof header.alg !== 'string' || !ALLOWED_ALGS.includes(header.alg)) {
    throw invalidIdentityToken(NO_VERIFICATION_KEY);
  }
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  let simulated = false;
  let key: KeyObject | ReturnType<typeof createLocalJWKSet>;
  const sim = kid !== undefined && simulatedIssuersEnabled(env) ? simulatedKeyFor(env, kid) : undefined;
  if (sim) {
    if (sim.account !== account) throw invalidIdentityToken(NO_VERIFICATION_KEY);
    key = sim.key;
    simulated = true;
  } else {
    const jwks = await jwksCache(env).keys(iss, kid);
    key = createLocalJWKSet(jwks);
  }
  try {
    await compactVerify(token, key as Parameters<typeof compactVerify>[1], { algorithms: ALLOWED_ALGS });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') {
      throw invalidIdentityToken(NO_VERIFICATION_KEY);
    }
    throw invalidIdentityToken('The web identity token signature is invalid.');
  }

  const nowS = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number')
    throw invalidIdentityToken('The web identity token has no expiration (exp) claim.');
  if (nowS >= claims.exp) throw tokenExpired(nowS, Math.floor(claims.exp));
  if (typeof claims.nbf === 'number' && claims.nbf > nowS + CLOCK_SKEW_S) {
    throw invalidIdentityToken('The web identity token is not valid yet (nbf).');
  }
  if (typeof claims.iat === 'number' && claims.iat > nowS + CLOCK_SKEW_S) {
    throw invalidIdentityToken('The web identity token was issued in the future (iat).');
  }

  const audiences =
    typeof claims.azp === 'string'
      ? [claims.azp]
      : typeof claims.aud === 'string'
        ? [claims.aud]
        : Array.isArray(claims.aud)
          ? claims.aud
          : [];
  const audience = audiences.find((a) => provider.clientIds.includes(a));
  if (audience === undefined) throw incorrectAudience();
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw idpRejectedClaim('The web identity token has no subject (sub) claim.');
  }
  return { provider, claims, issuer: iss, subject: claims.sub, audience, simulated };
}

/**
 * The trust-policy condition keys a verified token sets. AWS maps only a few claims of OIDC tokens
 * (custom claims are not available): `<url>:aud` (azp when present), `<url>:oaud` (the aud claim when
 * azp was used), `<url>:sub`, and `<url>:amr`; `accounts.google.com` and Cognito use the same scheme.
 */
export function webIdentityContextKeys(v: VerifiedWebIdentity): Record<string, string | string[]> {
  const url = v.provider.url;
  const out: Record<string, string | string[]> = {
    [`${url}:aud`]: v.audience,
    [`${url}:sub`]: v.subject,
  };
  if (typeof v.claims.azp === 'string' && v.claims.aud !== undefined)
    out[`${url}:oaud`] = v.claims.aud as string | string[];
  const amr = v.claims.amr;
  if (typeof amr === 'string' || Array.isArray(amr)) out[`${url}:amr`] = amr as string | string[];
  return out;
}
