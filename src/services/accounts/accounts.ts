// AWS accounts. Every entity in rolechain belongs to one; the management account is created at first
// start, member accounts by organizations:CreateAccount. Records: kind "account", scoped to the account itself.
import type { Store } from '../../store/index.js';

export const ACCOUNT_KIND = 'account';

export interface AccountRecord {
  id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  joinedMethod: 'INVITED' | 'CREATED';
  joinedTimestamp: string;
  /** The organization this account belongs to, if any. */
  organizationId?: string;
}

export function getAccount(store: Store, id: string): AccountRecord | undefined {
  return store.get<AccountRecord>(ACCOUNT_KIND, id, id)?.data;
}

export function listAccounts(store: Store): AccountRecord[] {
  return store.list<AccountRecord>(ACCOUNT_KIND).map((r) => r.data);
}

export async function putAccount(store: Store, acct: AccountRecord, ifAbsent = false): Promise<void> {
  await store.put({ kind: ACCOUNT_KIND, account: acct.id, id: acct.id, data: acct }, { ifAbsent });
}

/** The management account's id, set at first start. */
export const MANAGEMENT_ACCOUNT_SETTING = 'managementAccountId';

export function managementAccountId(store: Store): string {
  const id = store.getSetting<string>(MANAGEMENT_ACCOUNT_SETTING);
  if (!id) throw new Error('store not bootstrapped: no management account');
  return id;
}
