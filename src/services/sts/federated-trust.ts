// The trust decision of the unsigned federated AssumeRole operations (web identity, SAML): the role's trust
// policy evaluated by the engine for a Federated principal (the IAM provider's ARN) with the global keys,
// the provider's keys, the role account's organization keys and RCPs, and the session's request tags,
// for the operation's action and, when asked for, sts:TagSession and sts:SetSourceIdentity.
import type { OperationContext } from '../types.js';
import { orgView } from '../organizations/enforcement.js';
import { evaluate, makeContext, type ContextValue } from '../../policy/index.js';
import type { RoleRecord, Tag } from '../iam/model.js';
import { compiledDocument } from '../iam/principal-policies.js';
import { setGlobalKeys } from '../global-context.js';

export type ContextEntries = Record<string, ContextValue | boolean | number | undefined>;

export interface FederatedTrustRequest {
  principalType: 'WebIdentity' | 'SAML';
  action: string;
  providerArn: string;
  role: RoleRecord;
  account: string;
  /** The provider's condition keys (e.g. <issuer>:sub, saml:aud). */
  providerKeys: ContextEntries;
  sessionName: string;
  tags: readonly Tag[];
  transitive: readonly string[];
  sourceIdentity: string | undefined;
}

/** Whether the role's trust policy allows every action the request needs. */
export function federatedTrustAllows(ctx: OperationContext, r: FederatedTrustRequest): boolean {
  const entries: ContextEntries = {
    ...r.providerKeys,
    'aws:FederatedProvider': r.providerArn,
    'sts:RoleSessionName': r.sessionName,
    'sts:SourceIdentity': r.sourceIdentity,
  };
  // The role's account's organization: its RCPs apply to the role, and its keys are in the context.
  const roleOrg = orgView(ctx.env.store, r.account);
  if (roleOrg) {
    entries['aws:ResourceOrgID'] = roleOrg.orgId;
    entries['aws:ResourceOrgPaths'] = roleOrg.paths;
  }
  entries['aws:ResourceAccount'] = r.account;
  if (r.tags.length) {
    entries['aws:TagKeys'] = r.tags.map((t) => t.Key);
    for (const t of r.tags) entries[`aws:RequestTag/${t.Key}`] = t.Value;
  }
  if (r.transitive.length) entries['sts:TransitiveTagKeys'] = [...r.transitive];
  const context = new Map<string, ContextValue>();
  setGlobalKeys(context, ctx);
  for (const [k, v] of makeContext(entries)) context.set(k, v);
  const trust = compiledDocument(r.role.assumeRolePolicyDocument, 'trust', { arn: r.role.arn });
  const principal = { type: r.principalType, federatedProvider: r.providerArn };
  const actions = [r.action];
  if (r.tags.length) actions.push('sts:TagSession');
  if (r.sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
  return actions.every(
    (action) =>
      evaluate({
        principal,
        action,
        resource: r.role.arn,
        resourceAccount: r.account,
        context,
        resourcePolicy: trust,
        rcps: roleOrg?.rcps,
      }).allowed,
  );
}
