// Authenticates temporary credentials (ASIA… + session token): open the sealed token (cached), check it
// belongs to this access key and has not expired by the server clock, and describe the caller.
import { AwsError, invalidClientTokenId } from '../../wire/errors.js';
import type { ServerEnv } from '../env.js';
import type { Caller } from '../caller.js';
import type { CompiledPolicy } from '../../policy/index.js';
import { compilePolicy } from '../../policy/index.js';
import { findManagedPolicy } from '../iam/managed-policies.js';
import { compiledDocument } from '../iam/principal-policies.js';
import { stsRuntime } from './runtime.js';
import { openSession, type SessionClaims } from './session-token.js';

export interface SessionInfo {
  claims: SessionClaims;
  sessionPolicies?: CompiledPolicy[];
  tags?: SessionClaims['tags'];
  mfaAuthenticated: boolean;
  mfaAuthTime?: string;
  issuedAt: string;
  sourceIdentity?: string;
}

interface Opened {
  claims: SessionClaims;
  caller: Caller;
}

const opened = new WeakMap<SessionClaims, Opened>();

export const expiredToken = (): AwsError =>
  new AwsError('ExpiredToken', 'The security token included in the request is expired', { status: 403 });

export function resolveSession(
  env: ServerEnv,
  accessKeyId: string,
  token: string | undefined,
): { secretAccessKey: string; caller: Caller } {
  if (!token) throw invalidClientTokenId();
  const rt = stsRuntime(env);
  let claims = rt.sessions.get(token);
  if (!claims) {
    claims = openSession(rt.ring, token);
    if (!claims) throw invalidClientTokenId();
    rt.sessions.set(token, claims);
  }
  if (claims.akid !== accessKeyId) throw invalidClientTokenId();
  if (env.clock.nowMs() >= claims.exp) throw expiredToken();
  let o = opened.get(claims);
  if (!o) {
    o = { claims, caller: callerOf(env, claims) };
    opened.set(claims, o);
  }
  return { secretAccessKey: claims.secret, caller: o.caller };
}

function callerOf(env: ServerEnv, c: SessionClaims): Caller {
  const session: SessionInfo = {
    claims: c,
    sessionPolicies: sessionPolicies(env, c),
    tags: c.tags,
    mfaAuthenticated: c.mfa !== undefined,
    mfaAuthTime: c.mfa ? new Date(c.mfa.authTime).toISOString() : undefined,
    issuedAt: new Date(c.iat).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sourceIdentity: c.sourceIdentity,
  };
  const type = c.type === 'WebIdentityUser' || c.type === 'SAMLUser' ? 'AssumedRole' : c.type;
  return {
    type,
    accountId: c.account,
    arn: c.arn,
    userId: c.userId,
    accessKeyId: c.akid,
    userName: c.type === 'IAMUser' ? c.arn.slice(c.arn.lastIndexOf('/') + 1) : undefined,
    role: c.role,
    sessionName: c.sessionName,
    session,
  };
}

/** The session policies as the engine takes them; undefined when the session has none. */
function sessionPolicies(env: ServerEnv, c: SessionClaims): CompiledPolicy[] | undefined {
  if (c.policy === undefined && (c.policyArns?.length ?? 0) === 0) return undefined;
  const out: CompiledPolicy[] = [];
  if (c.policy !== undefined) out.push(compiledDocument(c.policy, 'session', { name: 'session policy' }));
  for (const arn of c.policyArns ?? []) {
    const p = findManagedPolicy(env.store, c.account, arn);
    out.push(
      p
        ? compiledDocument(p.defaultDocument(), 'session', { arn })
        : compilePolicy({ version: '2012-10-17', statements: [] }, { type: 'session', arn }),
    );
  }
  return out;
}
