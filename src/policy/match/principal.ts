// The Principal / NotPrincipal element against the requesting principal.
//
// Principal: an account (12-digit id or `arn:…:iam::A:root`) stands for every principal of that account
// (users, role sessions, federated users, the root user) — in the same account that is a delegation to
// the account's own IAM policies, not a grant (the flow handles that). A user ARN matches that user; a
// role ARN matches every session of that role; an assumed-role session ARN matches only that session;
// a federated-user ARN only that federated user. Service and Federated principals match callers of
// those kinds. `"*"` (or `{"AWS": "*"}`) matches everyone, anonymous callers included. Principals take
// no wildcards besides the bare `"*"`.
//
// NotPrincipal: a request carries several identities (a role session is the session, its role and its
// account; a user is the user and its account). The statement is skipped only when *every* identity of
// the caller is listed, which is why AWS's docs say a Deny with NotPrincipal must name the account too.

import type { PrincipalSpec } from '../ast.js';
import type { RequestPrincipal } from '../principal.js';

/** How a principal element matched: the flow treats these differently in the same account. */
export const NO_MATCH = 0;
/** Through the caller's account (12-digit id or root ARN). */
export const ACCOUNT_MATCH = 1;
/** Through the role ARN (or role unique id) of a role session. */
export const ROLE_MATCH = 2;
/** Through `"*"`. */
export const WILDCARD_MATCH = 3;
/** Through the caller's own identity: user, session, federated user, service, provider. */
export const DIRECT_MATCH = 4;

export type PrincipalMatch = 0 | 1 | 2 | 3 | 4;
export type PrincipalMatcher = (p: RequestPrincipal) => PrincipalMatch;

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;
const OIDC_ARN = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/;

interface Compiled {
  wildcard: boolean;
  accounts: Set<string>;
  /** User, assumed-role session and federated-user ARNs: match the caller's own ARN. */
  arns: Set<string>;
  roleArns: Set<string>;
  /** AIDA… (user) and AROA… (role) unique ids. */
  ids: Set<string>;
  services: Set<string>;
  federated: Set<string>;
  canonical: Set<string>;
}

function compileSpec(spec: PrincipalSpec): Compiled {
  const c: Compiled = {
    wildcard: spec.wildcard || spec.aws.includes('*'),
    accounts: new Set(),
    arns: new Set(),
    roleArns: new Set(),
    ids: new Set(),
    services: new Set(spec.service.map((s) => s.toLowerCase())),
    federated: new Set(),
    canonical: new Set(spec.canonicalUser),
  };
  for (const a of spec.aws) {
    if (a === '*') continue;
    if (ACCOUNT_ID.test(a)) c.accounts.add(a);
    else {
      const root = ROOT_ARN.exec(a);
      if (root) c.accounts.add(root[1]);
      else if (ROLE_ARN.test(a)) c.roleArns.add(a);
      else if (a.startsWith('arn:')) c.arns.add(a);
      else c.ids.add(a);
    }
  }
  for (const f of spec.federated) {
    c.federated.add(f);
    // An OIDC provider may be named by ARN or by host; callers may present either.
    const oidc = OIDC_ARN.exec(f);
    if (oidc) c.federated.add(oidc[1]);
  }
  return c;
}

function roleIdOf(userId: string | undefined): string | undefined {
  if (!userId) return undefined;
  const colon = userId.indexOf(':');
  return colon < 0 ? userId : userId.slice(0, colon);
}

function providerMatches(c: Compiled, provider: string | undefined): boolean {
  if (!provider) return false;
  if (c.federated.has(provider)) return true;
  const oidc = OIDC_ARN.exec(provider);
  return oidc !== null && c.federated.has(oidc[1]);
}

/** The strongest way `c` names the caller. */
function matchCompiled(c: Compiled, p: RequestPrincipal): PrincipalMatch {
  switch (p.type) {
    case 'IAMUser':
    case 'FederatedUser':
      if ((p.arn && c.arns.has(p.arn)) || (p.userId && c.ids.has(p.userId))) return DIRECT_MATCH;
      if (p.canonicalUserId && c.canonical.has(p.canonicalUserId)) return DIRECT_MATCH;
      break;
    case 'AssumedRole':
      if (p.arn && c.arns.has(p.arn)) return DIRECT_MATCH;
      if ((p.roleArn && c.roleArns.has(p.roleArn)) || c.ids.has(roleIdOf(p.userId) ?? '')) {
        return ROLE_MATCH;
      }
      break;
    case 'Root':
      if (p.canonicalUserId && c.canonical.has(p.canonicalUserId)) return DIRECT_MATCH;
      break;
    case 'Service':
      if (p.service && c.services.has(p.service.toLowerCase())) return DIRECT_MATCH;
      break;
    case 'WebIdentity':
    case 'SAML':
      if (providerMatches(c, p.federatedProvider)) return DIRECT_MATCH;
      break;
    case 'Anonymous':
      break;
  }
  if (p.accountId && c.accounts.has(p.accountId)) {
    if (p.type === 'Root' || p.type === 'IAMUser' || p.type === 'AssumedRole' || p.type === 'FederatedUser') {
      return ACCOUNT_MATCH;
    }
  }
  return c.wildcard ? WILDCARD_MATCH : NO_MATCH;
}

/** Every identity of the caller is listed (so a NotPrincipal statement does not apply). */
function coversAll(c: Compiled, p: RequestPrincipal): boolean {
  if (c.wildcard) return true;
  const accountListed = p.accountId !== undefined && c.accounts.has(p.accountId);
  switch (p.type) {
    case 'Root':
      return accountListed;
    case 'IAMUser':
    case 'FederatedUser':
      return accountListed && ((p.arn !== undefined && c.arns.has(p.arn)) || c.ids.has(p.userId ?? ''));
    case 'AssumedRole':
      return (
        accountListed &&
        p.arn !== undefined &&
        c.arns.has(p.arn) &&
        ((p.roleArn !== undefined && c.roleArns.has(p.roleArn)) || c.ids.has(roleIdOf(p.userId) ?? ''))
      );
    case 'Service':
      return p.service !== undefined && c.services.has(p.service.toLowerCase());
    case 'WebIdentity':
    case 'SAML':
      return providerMatches(c, p.federatedProvider);
    case 'Anonymous':
      return false;
  }
}

export function compilePrincipal(spec: PrincipalSpec): PrincipalMatcher {
  const c = compileSpec(spec);
  return (p) => matchCompiled(c, p);
}

/** NotPrincipal: applies (as a direct match) to every caller not fully listed. */
export function compileNotPrincipal(spec: PrincipalSpec): PrincipalMatcher {
  const c = compileSpec(spec);
  return (p) => (coversAll(c, p) ? NO_MATCH : DIRECT_MATCH);
}
