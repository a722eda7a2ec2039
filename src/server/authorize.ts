// Authorizes one action on one resource for the caller of a request with the policy engine, and
// throws AccessDenied with AWS's message built from the engine's explanation. The request context
// carries the global condition keys AWS sets on every request.
import type { OperationContext, AuthzCheck } from '../services/types.js';
import type { Caller } from '../services/caller.js';
import type { ServerEnv } from '../services/env.js';
import { accessDenied } from '../wire/errors.js';
import {
  accessDeniedMessage,
  evaluate,
  makeContext,
  type CompiledPolicy,
  type ContextValue,
  type Decision,
  type RequestContext,
  type RequestPrincipal,
} from '../policy/index.js';
import { rolePolicies, userPolicies, type PrincipalPolicies } from '../services/iam/principal-policies.js';
import type { Tag } from '../services/iam/model.js';
import { federatedUserPolicies } from '../services/sts/federated-policies.js';
import { setGlobalKeys } from '../services/global-context.js';

/** What a session (temporary credentials) contributes; filled in by STS. */
export interface SessionAuthzInfo {
  sessionPolicies?: CompiledPolicy[];
  tags?: Tag[];
  mfaAuthenticated?: boolean;
  mfaAuthTime?: string;
  issuedAt?: string;
  sourceIdentity?: string;
}

/** The org policies that apply to an account, per level root first (the SCP issue fills this in). */
export type OrgPolicyLookup = (accountId: string, kind: 'scp' | 'rcp') => CompiledPolicy[][] | undefined;

/** An account's organization id and entity paths (aws:PrincipalOrgID/Paths, aws:ResourceOrgID/Paths). */
export type OrgKeysLookup = (accountId: string) => { orgId: string; paths: readonly string[] } | undefined;

export class Authorizer {
  orgPolicies: OrgPolicyLookup = () => undefined;
  orgKeys: OrgKeysLookup = () => undefined;

  constructor(private readonly env: ServerEnv) {}

  authorize(ctx: OperationContext, check: AuthzCheck): void {
    const d = this.decide(ctx, check);
    if (!d.allowed) {
      throw accessDenied(
        accessDeniedMessage(d, {
          principalArn: ctx.caller.arn || undefined,
          action: check.action,
          resource: check.resource,
        }),
      );
    }
  }

  decide(ctx: OperationContext, check: AuthzCheck): Decision {
    const c = ctx.caller;
    const principal = requestPrincipal(c);
    const policies = this.principalPolicies(c);
    const session = c.session as SessionAuthzInfo | undefined;
    const resourceAccount = check.resourceAccount ?? c.accountId;
    return evaluate({
      principal,
      action: check.action,
      resource: check.resource,
      resourceAccount,
      context: this.context(ctx, c, policies.tags, session, check),
      identityPolicies: policies.identity,
      boundary: policies.boundary,
      sessionPolicies: session?.sessionPolicies,
      resourcePolicy: check.resourcePolicy,
      scps: c.accountId ? this.orgPolicies(c.accountId, 'scp') : undefined,
      rcps: resourceAccount ? this.orgPolicies(resourceAccount, 'rcp') : undefined,
    });
  }

  private principalPolicies(c: Caller): PrincipalPolicies {
    const store = this.env.store;
    if (c.type === 'IAMUser' && c.userName) return userPolicies(store, c.accountId, c.userName);
    if (c.type === 'AssumedRole' && c.role) return rolePolicies(store, c.accountId, c.role.name);
    if (c.type === 'FederatedUser') return federatedUserPolicies(store, c);
    return { identity: [] };
  }

  /**
   * The request context, built straight into the engine's map (keys already lowercased, values as IAM
   * sees them): this runs for every decision, and going through makeContext's any-case object cost more
   * than evaluating the policies. Keys an operation adds (check.context) are normalised as makeContext does.
   */
  private context(
    ctx: OperationContext,
    c: Caller,
    principalTags: readonly Tag[] | undefined,
    session: SessionAuthzInfo | undefined,
    check: AuthzCheck,
  ): RequestContext {
    const now = ctx.now;
    const m = new Map<string, ContextValue>();
    setGlobalKeys(m, ctx);
    if (c.type !== 'Unknown') {
      m.set('aws:principalarn', c.role ? c.role.arn : c.arn);
      m.set('aws:principalaccount', c.accountId);
      m.set('aws:principaltype', c.type === 'Root' ? 'Account' : c.type === 'IAMUser' ? 'User' : c.type);
      m.set('aws:userid', c.userId);
      if (c.type === 'IAMUser' && c.userName !== undefined) m.set('aws:username', c.userName);
    }
    // Session tags override the role's tags of the same key.
    for (const t of principalTags ?? []) m.set(`aws:principaltag/${t.Key.toLowerCase()}`, t.Value);
    for (const t of session?.tags ?? []) m.set(`aws:principaltag/${t.Key.toLowerCase()}`, t.Value);
    if (session) {
      if (session.issuedAt) m.set('aws:tokenissuetime', session.issuedAt);
      m.set('aws:multifactorauthpresent', session.mfaAuthenticated === true ? 'true' : 'false');
      if (session.mfaAuthTime) {
        const age = Math.floor((now.getTime() - Date.parse(session.mfaAuthTime)) / 1000);
        m.set('aws:multifactorauthage', String(age));
      }
      if (session.sourceIdentity) m.set('aws:sourceidentity', session.sourceIdentity);
    }
    const resourceAccount = check.resourceAccount ?? c.accountId;
    if (resourceAccount) m.set('aws:resourceaccount', resourceAccount);
    const principalOrg = c.type !== 'Unknown' && c.accountId ? this.orgKeys(c.accountId) : undefined;
    if (principalOrg) {
      m.set('aws:principalorgid', principalOrg.orgId);
      m.set('aws:principalorgpaths', principalOrg.paths);
    }
    const resourceOrg = resourceAccount ? this.orgKeys(resourceAccount) : undefined;
    if (resourceOrg) {
      m.set('aws:resourceorgid', resourceOrg.orgId);
      m.set('aws:resourceorgpaths', resourceOrg.paths);
    }
    if (check.context) for (const [k, v] of makeContext(check.context)) m.set(k, v);
    return m;
  }
}

export function requestPrincipal(c: Caller): RequestPrincipal {
  switch (c.type) {
    case 'Root':
      return { type: 'Root', arn: c.arn, accountId: c.accountId, userId: c.userId };
    case 'IAMUser':
      return { type: 'IAMUser', arn: c.arn, accountId: c.accountId, userId: c.userId };
    case 'AssumedRole':
      return {
        type: 'AssumedRole',
        arn: c.arn,
        accountId: c.accountId,
        userId: c.userId,
        roleArn: c.role?.arn,
        isServiceLinkedRole: c.role?.path.startsWith('/aws-service-role/'),
      };
    case 'FederatedUser':
      return { type: 'FederatedUser', arn: c.arn, accountId: c.accountId, userId: c.userId };
    default:
      return { type: 'Anonymous' };
  }
}
