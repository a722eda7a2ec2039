// What the organization contributes to each request's authorization, per account: the SCPs (for its
// principals) and RCPs (for its resources) per level root → OUs → account, compiled, and the
// aws:*OrgID / aws:*OrgPaths values. On the hot path of every request, so a view is computed once and
// cached per account; it stays valid while the account's record and the organization's generation
// record (bumped by every tree/policy/attachment change, see mutate.ts) are the very objects it was
// built from — the store's mirror replaces a record object on every write, so two identity checks
// detect any change, also one made by another node.
import { compilePolicy, parsePolicy, type CompiledPolicy } from '../../policy/index.js';
import type { EntityRecord, Store } from '../../store/index.js';
import { ACCOUNT_KIND, type AccountRecord } from '../accounts/accounts.js';
import { findOrganization, type OrganizationRecord } from './model.js';
import { findPolicy, engineKind } from './policies.js';
import {
  STATE_KIND,
  entityPath,
  memberRecord,
  ouChain,
  rootRecord,
  type OrgPolicyType,
  type TargetState,
} from './state.js';

export interface OrgView {
  orgId: string;
  /** aws:PrincipalOrgPaths / aws:ResourceOrgPaths: the path of the account's parent. */
  paths: readonly string[];
  /** undefined: the type is not enabled, or the account is the management account (exempt). */
  scps?: CompiledPolicy[][];
  rcps?: CompiledPolicy[][];
}

interface Entry {
  account: EntityRecord<AccountRecord> | undefined;
  gen: EntityRecord | undefined;
  mgmt: string;
  orgId: string;
  view: OrgView;
}

const MAX_ENTRIES = 100_000;
const caches = new WeakMap<Store, Map<string, Entry>>();
// Compiled documents by policy ARN and content: a policy shared by many targets compiles once.
const compiled = new Map<string, CompiledPolicy>();

function compiledPolicy(
  arn: string,
  name: string,
  content: string,
  type: OrgPolicyType,
  aws: boolean,
): CompiledPolicy {
  const key = `${arn}\u0000${content}`;
  let c = compiled.get(key);
  if (!c) {
    if (compiled.size >= MAX_ENTRIES) compiled.clear();
    const kind = engineKind(type);
    c = compilePolicy(parsePolicy(content, kind, { awsManaged: aws }), { type: kind, arn, name });
    compiled.set(key, c);
  }
  return c;
}

function levelPolicies(
  store: Store,
  org: OrganizationRecord,
  t: TargetState,
  type: OrgPolicyType,
): CompiledPolicy[] {
  const out: CompiledPolicy[] = [];
  for (const id of t.policies) {
    const p = findPolicy(store, org, id);
    if (p && p.record.type === type) {
      out.push(compiledPolicy(p.arn, p.record.name, p.record.content, type, p.awsManaged));
    }
  }
  return out;
}

function buildView(store: Store, org: OrganizationRecord, accountId: string): OrgView {
  const root = rootRecord(store, org);
  const member = memberRecord(store, org, accountId);
  const chain = ouChain(store, org, member.parentId);
  const view: OrgView = { orgId: org.id, paths: [entityPath(org, chain)] };
  // The management account is exempt from both SCPs and RCPs.
  if (accountId === org.masterAccountId) return view;
  const levels = (type: OrgPolicyType) =>
    root.policyTypes.includes(type)
      ? [root, ...chain, member].map((t) => levelPolicies(store, org, t, type))
      : undefined;
  view.scps = levels('SERVICE_CONTROL_POLICY');
  view.rcps = levels('RESOURCE_CONTROL_POLICY');
  return view;
}

/** The organization view of an account, or undefined when it is in no organization. */
export function orgView(store: Store, accountId: string): OrgView | undefined {
  if (!accountId) return undefined;
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const account = store.get<AccountRecord>(ACCOUNT_KIND, accountId, accountId);
  const hit = cache.get(accountId);
  if (hit && hit.account === account && hit.gen === store.get(STATE_KIND.generation, hit.mgmt, hit.orgId)) {
    return hit.view;
  }
  const org = findOrganization(store, account?.data.organizationId);
  if (!org) {
    cache.delete(accountId);
    return undefined;
  }
  const gen = store.get(STATE_KIND.generation, org.masterAccountId, org.id);
  const view = buildView(store, org, accountId);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(accountId, { account, gen, mgmt: org.masterAccountId, orgId: org.id, view });
  return view;
}

/** The Authorizer's orgPolicies hook: per-level compiled SCPs or RCPs of an account. */
export function orgPolicyLookup(store: Store) {
  return (accountId: string, kind: 'scp' | 'rcp'): CompiledPolicy[][] | undefined => {
    const v = orgView(store, accountId);
    return kind === 'scp' ? v?.scps : v?.rcps;
  };
}

/** The Authorizer's orgKeys hook: the values of aws:PrincipalOrgID / aws:PrincipalOrgPaths (and Resource…). */
export function orgKeysLookup(store: Store) {
  return (accountId: string): { orgId: string; paths: readonly string[] } | undefined =>
    orgView(store, accountId);
}
