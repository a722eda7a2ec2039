// Organizations' state: the organization (one, owned by the management account), create-account
// requests, and (in the SCP issue) OUs and policies. Accounts themselves are in services/accounts.
import type { Store } from '../../store/index.js';
import { AwsError } from '../../wire/errors.js';
import type { Caller } from '../caller.js';
import { getAccount } from '../accounts/accounts.js';

export const ORG_KIND = {
  organization: 'org.organization',
  createAccountStatus: 'org.createAccountStatus',
} as const;

export interface OrganizationRecord {
  id: string;
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  masterAccountId: string;
  masterAccountEmail: string;
  rootId: string;
  createdAt: string;
}

export interface CreateAccountStatusRecord {
  id: string;
  accountName: string;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  requestedTimestamp: string;
  completedTimestamp?: string;
  accountId?: string;
  failureReason?: string;
}

export function findOrganization(
  store: Store,
  organizationId: string | undefined,
): OrganizationRecord | undefined {
  if (!organizationId) return undefined;
  return store.list<OrganizationRecord>(ORG_KIND.organization).find((r) => r.data.id === organizationId)
    ?.data;
}

export function organizationOf(store: Store, accountId: string): OrganizationRecord | undefined {
  return findOrganization(store, getAccount(store, accountId)?.organizationId);
}

export const notInUse = (): AwsError =>
  new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

export const orgAccessDenied = (): AwsError =>
  new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");

/** The caller's organization, requiring the caller to be in one. */
export function requireOrganization(store: Store, caller: Caller): OrganizationRecord {
  const org = organizationOf(store, caller.accountId);
  if (!org) throw notInUse();
  return org;
}

/** Operations only the management account may call (ListAccounts, CreateAccount, …). */
export function requireManagementAccount(store: Store, caller: Caller): OrganizationRecord {
  const org = requireOrganization(store, caller);
  if (org.masterAccountId !== caller.accountId) throw orgAccessDenied();
  return org;
}

export function accountArn(org: OrganizationRecord, accountId: string): string {
  return `arn:aws:organizations::${org.masterAccountId}:account/${org.id}/${accountId}`;
}
