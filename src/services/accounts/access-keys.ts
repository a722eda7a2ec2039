// Long-term access keys (AKIA…) of root users and IAM users. Looked up by id on every signed request,
// so they live in one global namespace (account "global") of the store's in-memory mirror; the secret is
// sealed at rest by the SecretBox.
import type { Store } from '../../store/index.js';

export const ACCESS_KEY_KIND = 'accessKey';
/** The store scope of every access key record (looked up by id alone). */
export const ACCESS_KEY_SCOPE = 'global';

export interface AccessKeyRecord {
  accessKeyId: string;
  accountId: string;
  /** The IAM user's name; undefined for the account's root user. */
  userName?: string;
  /** The user's unique id (AIDA…), for matching after renames. */
  userId?: string;
  secretSealed: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsed?: { date: string; serviceName: string; region: string };
}

export function getAccessKey(store: Store, id: string): AccessKeyRecord | undefined {
  return store.get<AccessKeyRecord>(ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, id)?.data;
}

export async function putAccessKey(store: Store, rec: AccessKeyRecord, ifAbsent = false): Promise<void> {
  await store.put(
    { kind: ACCESS_KEY_KIND, account: ACCESS_KEY_SCOPE, id: rec.accessKeyId, data: rec },
    { ifAbsent },
  );
}

export async function deleteAccessKey(store: Store, id: string): Promise<boolean> {
  return store.delete(ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, id);
}

export function listAccessKeys(
  store: Store,
  accountId: string,
  userName: string | undefined,
): AccessKeyRecord[] {
  return store
    .list<AccessKeyRecord>(ACCESS_KEY_KIND, ACCESS_KEY_SCOPE)
    .map((r) => r.data)
    .filter((k) => k.accountId === accountId && k.userName === userName);
}
