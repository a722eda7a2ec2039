// AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic"), for one request.
//
//  1. An explicit Deny in any applicable policy wins: SCPs, RCPs, the resource (or trust) policy,
//     identity policies, the permissions boundary, session policies.
//  2. SCPs (the principal's account is an org member, not the management account; service-linked roles
//     exempt; only principals of an account — users, role sessions, federated users, the root user):
//     every level root → OUs → account must allow.
//  3. RCPs (the resource's account is an org member; service-linked roles exempt; every caller else,
//     service principals and anonymous callers included): every level must allow.
//  4. Callers with no identity side (service principals, anonymous, web-identity and SAML callers)
//     are allowed only by the resource policy naming them (anonymous: only `"*"`).
//  5. The root user is allowed inside its own account.
//  6. Same account: an allow in either the identity policies or the resource policy suffices, where
//     - the identity-policy path is intersected with the permissions boundary and session policies;
//     - a resource-policy grant to the user ARN, session ARN or federated-user ARN (or a service) is not
//       limited by the boundary or session policies; a grant to the role ARN (or `"*"` to a role
//       session) is;
//     - a grant to the account (12-digit id / root ARN) is a delegation to IAM: identity side needed;
//     - trust policies (sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity) must always allow: a
//       trust naming the caller's user/role/session ARN suffices alone, one naming the account needs
//       the identity side too, one naming neither denies.
//  7. Cross account: the identity side (with boundary and session policies) and the resource policy
//     must both allow (a resource policy naming the caller's account counts).

import type { CompiledPolicy, CompiledStatement } from './compile.js';
import type { RequestContext } from './context.js';
import { allow, type Decision, type DecisionSource, explicitDeny, implicitDeny } from './flow/decision.js';
import { ALLOW, DENY, newHit, type ScanRequest, scanPolicy } from './flow/scan.js';
import { serviceOf } from './match/action.js';
import {
  ACCOUNT_MATCH,
  DIRECT_MATCH,
  NO_MATCH,
  type PrincipalMatch,
  ROLE_MATCH,
  WILDCARD_MATCH,
} from './match/principal.js';
import type { RequestPrincipal } from './principal.js';

export interface EvaluationRequest {
  principal: RequestPrincipal;
  /** "service:Action", any case. */
  action: string;
  /** The resource ARN, or "*" for actions without resource-level permissions. */
  resource: string;
  /** The account owning the resource; defaults to the principal's account (same account). */
  resourceAccount?: string;
  context: RequestContext;
  /** The principal's identity policies (user + its groups, or the role): managed and inline. */
  identityPolicies?: readonly CompiledPolicy[];
  /** The user's or role's permissions boundary. */
  boundary?: CompiledPolicy;
  /** Session policies (inline Policy + PolicyArns); undefined or empty = the session has none. */
  sessionPolicies?: readonly CompiledPolicy[];
  /** The resource-based policy, or the role's trust policy (meta.type 'trust') for sts:AssumeRole*. */
  resourcePolicy?: CompiledPolicy;
  /** SCPs of the principal's account per level, root first; undefined = not in an org / management account. */
  scps?: readonly (readonly CompiledPolicy[])[];
  /**
   * The resource policy must allow even in the same account, as for trust policies (KMS key policies:
   * an identity policy only counts when the key policy names the account). Implied for 'trust'.
   */
  requireResourcePolicy?: boolean;
  /** RCPs of the resource's account per level, root first; undefined = not in an org / management account. */
  rcps?: readonly (readonly CompiledPolicy[])[];
}

// Scratch state reused by every call (evaluation is synchronous, so this is safe) to keep the hot path
// free of allocations other than the Decision itself.
const hit = newHit();
const scan: ScanRequest = {
  service: '',
  lowerAction: '',
  resource: '',
  context: new Map(),
  principal: { type: 'Anonymous' },
};

function hasIdentitySide(p: RequestPrincipal): boolean {
  return p.type === 'IAMUser' || p.type === 'AssumedRole' || p.type === 'FederatedUser' || p.type === 'Root';
}

/**
 * Org-policy levels: returns a Decision for an explicit deny, the index of the first level with no
 * allow (or -1) otherwise, via `firstFail`.
 */
function scanLevels(
  levels: readonly (readonly CompiledPolicy[])[],
  source: DecisionSource,
  out: { firstFail: number },
): Decision | undefined {
  out.firstFail = -1;
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l];
    let allowed = false;
    for (let i = 0; i < level.length; i++) {
      const r = scanPolicy(level[i], scan, false, !allowed, hit);
      if (r === DENY) return explicitDeny(source, level[i], hit.deny, l);
      if (r === ALLOW) allowed = true;
    }
    if (!allowed && out.firstFail < 0) out.firstFail = l;
  }
  return undefined;
}

const scpOut = { firstFail: -1 };
const rcpOut = { firstFail: -1 };

export function evaluate(req: EvaluationRequest): Decision {
  const p = req.principal;
  const lowerAction = req.action.toLowerCase();
  scan.lowerAction = lowerAction;
  scan.service = serviceOf(lowerAction);
  scan.resource = req.resource;
  scan.context = req.context;
  scan.principal = p;

  const identitySide = hasIdentitySide(p);

  // 1–3: explicit denies everywhere, collecting the allows on the way.
  scpOut.firstFail = -1;
  if (req.scps !== undefined && identitySide && !p.isServiceLinkedRole) {
    const d = scanLevels(req.scps, 'scp', scpOut);
    if (d) return d;
  }
  rcpOut.firstFail = -1;
  if (req.rcps !== undefined && !p.isServiceLinkedRole) {
    const d = scanLevels(req.rcps, 'rcp', rcpOut);
    if (d) return d;
  }

  const rp = req.resourcePolicy;
  const trust = rp !== undefined && rp.meta.type === 'trust';
  const resSource: DecisionSource = trust ? 'trust' : 'resource';
  let grant: PrincipalMatch = NO_MATCH;
  let resStmt: CompiledStatement | undefined;
  if (rp !== undefined) {
    const r = scanPolicy(rp, scan, true, true, hit);
    if (r === DENY) return explicitDeny(resSource, rp, hit.deny);
    if (r === ALLOW) {
      grant = hit.grant;
      resStmt = hit.allow;
    }
  }

  let idPolicy: CompiledPolicy | undefined;
  let idStmt: CompiledStatement | undefined;
  let boundaryAllows = false;
  let sessionAllows = false;
  const sessions = req.sessionPolicies;
  const hasSession = sessions !== undefined && sessions.length > 0;
  if (identitySide) {
    const ids = req.identityPolicies;
    if (ids !== undefined) {
      for (let i = 0; i < ids.length; i++) {
        const r = scanPolicy(ids[i], scan, false, idStmt === undefined, hit);
        if (r === DENY) return explicitDeny('identity', ids[i], hit.deny);
        if (r === ALLOW) {
          idPolicy = ids[i];
          idStmt = hit.allow;
        }
      }
    }
    if (req.boundary !== undefined) {
      const r = scanPolicy(req.boundary, scan, false, true, hit);
      if (r === DENY) return explicitDeny('boundary', req.boundary, hit.deny);
      boundaryAllows = r === ALLOW;
    }
    if (hasSession) {
      for (let i = 0; i < sessions.length; i++) {
        const r = scanPolicy(sessions[i], scan, false, !sessionAllows, hit);
        if (r === DENY) return explicitDeny('session', sessions[i], hit.deny);
        if (r === ALLOW) sessionAllows = true;
      }
    }
  }

  if (scpOut.firstFail >= 0) return implicitDeny('scp', scpOut.firstFail);
  if (rcpOut.firstFail >= 0) return implicitDeny('rcp', rcpOut.firstFail);

  // 4: callers that only resource policies can allow.
  if (!identitySide) return grant !== NO_MATCH ? allow(resSource, rp, resStmt) : implicitDeny(resSource);

  const sameAccount = req.resourceAccount === undefined || req.resourceAccount === p.accountId;
  // 5: the root user inside its own account.
  if (p.type === 'Root' && sameAccount) return allow('root');

  const boundaryOk = req.boundary === undefined || boundaryAllows;
  const sessionOk = !hasSession || sessionAllows;
  const identityOk = p.type === 'Root' || (idStmt !== undefined && boundaryOk && sessionOk);

  if (!sameAccount) {
    // 7: both sides.
    if (!identityOk)
      return implicitDeny(idStmt === undefined ? 'identity' : !boundaryOk ? 'boundary' : 'session');
    if (grant === NO_MATCH) return implicitDeny(resSource);
    return allow(p.type === 'Root' ? 'root' : 'identity', idPolicy, idStmt, rp, resStmt);
  }

  // 6: same account.
  if (trust || req.requireResourcePolicy === true) {
    if (grant === NO_MATCH) return implicitDeny(resSource);
    if (grant !== ACCOUNT_MATCH) return allow(resSource, rp, resStmt);
    if (identityOk) return allow('identity', idPolicy, idStmt, rp, resStmt);
  } else {
    const roleLimited = grant === ROLE_MATCH || (grant === WILDCARD_MATCH && p.type === 'AssumedRole');
    if (grant === DIRECT_MATCH || (grant === WILDCARD_MATCH && !roleLimited))
      return allow('resource', rp, resStmt);
    if (roleLimited && boundaryOk && sessionOk) return allow('resource', rp, resStmt);
    if (identityOk) return allow('identity', idPolicy, idStmt);
    const roleGranted = roleLimited;
    if (idStmt === undefined && !roleGranted) return implicitDeny('identity');
    return implicitDeny(!boundaryOk ? 'boundary' : 'session');
  }
  return implicitDeny(idStmt === undefined ? 'identity' : !boundaryOk ? 'boundary' : 'session');
}
