// The organization's tree and policies as stored: the root (enabled policy types), OUs, member
// placements (an account's parent, attached policies and tags), and customer policies. All records
// are scoped to the management account. A member without a placement record sits under the root with
// the default attachments (the AWS managed policy of each enabled type), so CreateAccount need not
// write one; an OU or root likewise starts with the defaults.
import type { EntityRecord, Store } from '../../store/index.js';
import type { Tag } from '../iam/model.js';
import { ACCOUNT_KIND, listAccounts, type AccountRecord } from '../accounts/accounts.js';
import type { OrganizationRecord } from './model.js';

export const STATE_KIND = {
  root: 'org.root',
  ou: 'org.ou',
  member: 'org.member',
  policy: 'org.policy',
  /** Bumped by every change to the tree, policies or attachments: the enforcement cache's key. */
  generation: 'org.generation',
} as const;

export type OrgPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
export const ORG_POLICY_TYPES: readonly OrgPolicyType[] = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

/** What roots, OUs and accounts share: attached policy ids (all types) and tags. */
export interface TargetState {
  id: string;
  policies: string[];
  tags: Tag[];
}
export interface RootRecord extends TargetState {
  policyTypes: OrgPolicyType[];
}
export interface OuRecord extends TargetState {
  name: string;
  parentId: string;
}
export interface MemberRecord extends TargetState {
  parentId: string;
}
export interface OrgPolicyRecord {
  id: string;
  name: string;
  description: string;
  type: OrgPolicyType;
  content: string;
  tags: Tag[];
}

export const QUOTAS = {
  ouDepth: 5,
  ous: 2000,
  policiesPerType: 1000,
  attachmentsPerTarget: 5,
  policyChars: 5120,
  tags: 50,
} as const;

/** The AWS managed policy every target of an enabled type starts with. */
export const MANAGED_POLICY_ID: Record<OrgPolicyType, string> = {
  SERVICE_CONTROL_POLICY: 'p-FullAWSAccess',
  RESOURCE_CONTROL_POLICY: 'p-RCPFullAWSAccess',
};

export function rootRecord(store: Store, org: OrganizationRecord): RootRecord {
  return (
    store.get<RootRecord>(STATE_KIND.root, org.masterAccountId, org.rootId)?.data ?? {
      id: org.rootId,
      policyTypes: [],
      policies: [],
      tags: [],
    }
  );
}

export function defaultPolicies(root: RootRecord): string[] {
  return root.policyTypes.map((t) => MANAGED_POLICY_ID[t]);
}

export function getOu(store: Store, org: OrganizationRecord, id: string): OuRecord | undefined {
  return store.get<OuRecord>(STATE_KIND.ou, org.masterAccountId, id)?.data;
}

export function listOus(store: Store, org: OrganizationRecord): OuRecord[] {
  return store.list<OuRecord>(STATE_KIND.ou, org.masterAccountId).map((r) => r.data);
}

/** The organization's accounts (management account included). */
export function memberAccounts(store: Store, org: OrganizationRecord): AccountRecord[] {
  return listAccounts(store).filter((a) => a.organizationId === org.id);
}

export function memberAccount(store: Store, org: OrganizationRecord, id: string): AccountRecord | undefined {
  const a = store.get<AccountRecord>(ACCOUNT_KIND, id, id)?.data;
  return a && a.organizationId === org.id ? a : undefined;
}

export function memberRecord(store: Store, org: OrganizationRecord, accountId: string): MemberRecord {
  return (
    store.get<MemberRecord>(STATE_KIND.member, org.masterAccountId, accountId)?.data ?? {
      id: accountId,
      parentId: org.rootId,
      policies: defaultPolicies(rootRecord(store, org)),
      tags: [],
    }
  );
}

export function storedRecord<T>(
  store: Store,
  org: OrganizationRecord,
  kind: string,
  id: string,
): EntityRecord<T> | undefined {
  return store.get<T>(kind, org.masterAccountId, id);
}

/** A parent id (root or OU) of this organization, or undefined. */
export function parentExists(store: Store, org: OrganizationRecord, id: string): boolean {
  return id === org.rootId || getOu(store, org, id) !== undefined;
}

/** The OU chain from the root down to `parentId` (inclusive); [] for the root. */
export function ouChain(store: Store, org: OrganizationRecord, parentId: string): OuRecord[] {
  const chain: OuRecord[] = [];
  let id = parentId;
  // Bounded: the tree is at most QUOTAS.ouDepth deep; the bound also guards against a corrupt cycle.
  for (let i = 0; i < 64 && id !== org.rootId; i++) {
    const ou = getOu(store, org, id);
    if (!ou) break;
    chain.unshift(ou);
    id = ou.parentId;
  }
  return chain;
}

/** AWS's entity path, e.g. o-abc/r-ab12/ou-ab12-11111111/ (aws:PrincipalOrgPaths, OU Path). */
export function entityPath(org: OrganizationRecord, chain: readonly OuRecord[]): string {
  return `${org.id}/${org.rootId}/${chain.map((o) => `${o.id}/`).join('')}`;
}

export function rootArn(org: OrganizationRecord): string {
  return `arn:aws:organizations::${org.masterAccountId}:root/${org.id}/${org.rootId}`;
}
export function ouArn(org: OrganizationRecord, ouId: string): string {
  return `arn:aws:organizations::${org.masterAccountId}:ou/${org.id}/${ouId}`;
}

export const ROOT_ID_RE = /^r-[0-9a-z]{4,32}$/;
export const OU_ID_RE = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
export const ACCOUNT_RE = /^\d{12}$/;
export const POLICY_ID_RE = /^p-[0-9a-zA-Z_]{8,128}$/;
