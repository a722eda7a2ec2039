// Simulated OIDC issuers: offline and in CI no real issuer (GitHub Actions, EKS, …) can sign tokens for
// rolechain, so rolechain signs them itself, for any issuer URL, and accepts its own signature for that
// issuer. The user's IAM OIDC provider and the role's trust policy stay exactly what they are in AWS.
//
// One RSA key per server (generated on first use, kept in the store sealed by the master key). The key id
// in the JWT's protected header names the account the token was minted for — `rolechain-sim:<account>:<key>`
// — and the signature covers it: a token minted with one account's credentials is only accepted by that
// account's OIDC providers, so a caller allowed rolechain:MintOidcToken in one account cannot forge
// identities towards the roles of another.
//
// Turned off with ROLECHAIN_SIMULATED_OIDC=off (or config.simulatedOidc = false): then minting is
// refused and tokens are verified only against the issuers' real keys.
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { ServerEnv } from '../../env.js';
import { openRsaKey, storedRsaKey, type StoredRsaKey } from '../stored-rsa-key.js';

const SETTING = 'sts.oidcSimulatedKey';
export const SIM_KID_PREFIX = 'rolechain-sim:';
export const SIM_ALG = 'RS256';
/** Longest lifetime a minted token may ask for. */
export const MAX_TOKEN_LIFETIME_S = 24 * 3600;
export const DEFAULT_TOKEN_LIFETIME_S = 600;
/** Bound on the extra claims of one minted token (JSON characters). */
export const MAX_EXTRA_CLAIMS_CHARS = 8192;

interface StoredKey extends StoredRsaKey {
  keyId: string;
}

export interface SimulatedKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const loaded = new WeakMap<ServerEnv, SimulatedKey>();
const loading = new WeakMap<ServerEnv, Promise<SimulatedKey>>();

export function simulatedIssuersEnabled(
  env: ServerEnv,
  processEnv: NodeJS.ProcessEnv = process.env,
): boolean {
  const fromConfig = (env.config as { simulatedOidc?: boolean }).simulatedOidc;
  if (fromConfig !== undefined) return fromConfig;
  const v = (processEnv.ROLECHAIN_SIMULATED_OIDC ?? '').trim().toLowerCase();
  return !['0', 'false', 'off', 'no', 'disabled'].includes(v);
}

function open(env: ServerEnv, s: StoredKey): SimulatedKey {
  return { keyId: s.keyId, ...openRsaKey(env, s) };
}

/** The signing key, created and stored on first use. */
export async function simulatedKey(env: ServerEnv): Promise<SimulatedKey> {
  const hit = loaded.get(env);
  if (hit) return hit;
  let p = loading.get(env);
  if (!p) {
    p = (async () => {
      const s = await storedRsaKey<StoredKey>(env, SETTING, () => ({
        keyId: randomBytes(6).toString('hex'),
      }));
      const k = open(env, s);
      loaded.set(env, k);
      return k;
    })().finally(() => loading.delete(env));
    loading.set(env, p);
  }
  return p;
}

/** The key that verifies a simulated token's kid, if the kid is one of ours (re-read when another node created it). */
export function simulatedKeyFor(
  env: ServerEnv,
  kid: string,
): { account: string; key: KeyObject } | undefined {
  const parsed = parseSimulatedKid(kid);
  if (!parsed) return undefined;
  let k = loaded.get(env);
  if (!k || k.keyId !== parsed.keyId) {
    const s = env.store.getSetting<StoredKey>(SETTING);
    if (!s || s.keyId !== parsed.keyId) return undefined;
    k = open(env, s);
    loaded.set(env, k);
  }
  return { account: parsed.account, key: k.publicKey };
}

export function simulatedKid(account: string, keyId: string): string {
  return `${SIM_KID_PREFIX}${account}:${keyId}`;
}

export function parseSimulatedKid(kid: string): { account: string; keyId: string } | undefined {
  const m = /^rolechain-sim:(\d{12}):([0-9a-f]{12})$/.exec(kid);
  return m ? { account: m[1]!, keyId: m[2]! } : undefined;
}

/** The public key as a JWKS (what /_rolechain/oidc/<account>/jwks serves). */
export async function simulatedJwks(env: ServerEnv, account: string): Promise<{ keys: JWK[] }> {
  const k = await simulatedKey(env);
  const jwk = k.publicKey.export({ format: 'jwk' }) as JWK;
  return { keys: [{ ...jwk, kid: simulatedKid(account, k.keyId), alg: SIM_ALG, use: 'sig' }] };
}

export interface MintRequest {
  /** The account whose OIDC providers will accept the token. */
  account: string;
  /** https://host[/path], e.g. https://token.actions.githubusercontent.com */
  issuer: string;
  sub: string;
  aud: string | string[];
  /** Extra or overriding claims (not iss). */
  claims?: Record<string, unknown>;
  expiresInSeconds?: number;
  /** Server time, ms. */
  now: number;
}

export interface MintedToken {
  token: string;
  claims: Record<string, unknown>;
  expiresAt: Date;
}

export function normalizeIssuer(issuer: string): string | undefined {
  let u: URL;
  try {
    u = new URL(issuer);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.search || u.hash || u.username || u.password) return undefined;
  return `https://${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`;
}

export async function mintSimulatedToken(env: ServerEnv, req: MintRequest): Promise<MintedToken> {
  const k = await simulatedKey(env);
  const claims = shapeClaims(req);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: SIM_ALG, typ: 'JWT', kid: simulatedKid(req.account, k.keyId) })
    .sign(k.privateKey);
  return { token, claims, expiresAt: new Date((claims.exp as number) * 1000) };
}

const EKS_ISSUER_RE = /^https:\/\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[0-9A-Za-z]+$/;
const GITHUB_ISSUER_RE = /^https:\/\/token\.actions\.githubusercontent\.com(\/[^/]+)?$/;

export type IssuerFlavor = 'github-actions' | 'eks' | 'generic';

export function issuerFlavor(issuer: string): IssuerFlavor {
  if (GITHUB_ISSUER_RE.test(issuer)) return 'github-actions';
  if (EKS_ISSUER_RE.test(issuer)) return 'eks';
  return 'generic';
}

/** The claim set: standard claims, the issuer's usual claims derived from the subject, then overrides. */
export function shapeClaims(req: MintRequest): Record<string, unknown> {
  const iat = Math.floor(req.now / 1000);
  const lifetime = req.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_S;
  const base: Record<string, unknown> = {
    jti: randomUUID(),
    sub: req.sub,
    aud: req.aud,
    iss: req.issuer,
    nbf: iat,
    iat,
    exp: iat + lifetime,
  };
  const flavor = issuerFlavor(req.issuer);
  const shaped =
    flavor === 'github-actions'
      ? { ...base, ...githubClaims(req.sub) }
      : flavor === 'eks'
        ? { ...base, ...eksClaims(req.sub) }
        : base;
  // The issuer's identity is what is being simulated: iss is never overridable.
  const { iss: _ignored, ...overrides } = req.claims ?? {};
  return { ...shaped, ...overrides, iss: req.issuer };
}

/**
 * GitHub Actions' claims, derived from a subject such as repo:octo/app:ref:refs/heads/main,
 * repo:octo/app:environment:prod or repo:octo/app:pull_request.
 */
export function githubClaims(sub: string): Record<string, unknown> {
  const m = /^repo:([^/:]+)\/([^:]+):(.*)$/.exec(sub);
  if (!m) return {};
  const [, owner, name, rest] = m as unknown as [string, string, string, string];
  const out: Record<string, unknown> = {
    repository: `${owner}/${name}`,
    repository_owner: owner,
    repository_owner_id: numericId(owner),
    repository_id: numericId(`${owner}/${name}`),
    repository_visibility: 'private',
    actor: owner,
    actor_id: numericId(`actor:${owner}`),
    workflow: 'CI',
    run_id: String(Date.now()),
    run_number: '1',
    run_attempt: '1',
    runner_environment: 'github-hosted',
    sha: randomBytes(20).toString('hex'),
    event_name: 'push',
  };
  let ref = 'refs/heads/main';
  if (rest.startsWith('ref:')) ref = rest.slice(4);
  else if (rest.startsWith('environment:')) out.environment = rest.slice('environment:'.length);
  else if (rest === 'pull_request') {
    out.event_name = 'pull_request';
    ref = 'refs/pull/1/merge';
    out.head_ref = 'feature';
    out.base_ref = 'main';
  }
  out.ref = ref;
  out.ref_type = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  const wf = `${owner}/${name}/.github/workflows/ci.yml@${ref}`;
  out.workflow_ref = wf;
  out.job_workflow_ref = wf;
  out.workflow_sha = out.sha;
  out.job_workflow_sha = out.sha;
  return out;
}

/** An EKS service-account token's claims, from system:serviceaccount:<namespace>:<name>. */
export function eksClaims(sub: string): Record<string, unknown> {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(sub);
  if (!m) return {};
  return {
    'kubernetes.io': {
      namespace: m[1],
      serviceaccount: { name: m[2], uid: randomUUID() },
    },
  };
}

/** A stable made-up numeric id (GitHub's ids are numeric strings). */
function numericId(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return String(h % 1_000_000_000);
}
