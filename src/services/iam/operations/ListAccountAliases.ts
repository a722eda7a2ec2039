// iam:ListAccountAliases — the account's alias (at most one, as in AWS). Also home to the alias
// store helpers: aliases are unique across all accounts, so they live in one global scope, one record
// per account (id = the account id, name = the alias: the store enforces both).
import type { EntityRecord, Store } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { KIND } from '../model.js';
import { iamPage } from '../paging.js';

export const ALIAS_SCOPE = 'global';

export interface AccountAliasRecord {
  accountId: string;
  alias: string;
}

export function aliasRecord(store: Store, account: string): EntityRecord<AccountAliasRecord> | undefined {
  return store.get<AccountAliasRecord>(KIND.accountAlias, ALIAS_SCOPE, account);
}

/** The account's alias, if it has one (the sign-in URL and the MFA QR label use it). */
export function accountAliasOf(store: Store, account: string): string | undefined {
  return aliasRecord(store, account)?.data.alias;
}

export default defineOperation<{ Marker?: string; MaxItems?: number }>({
  name: 'ListAccountAliases',
  readOnly: true,
  authz: () => ({ action: 'iam:ListAccountAliases', resource: '*' }),
  handler(ctx, input) {
    const alias = accountAliasOf(ctx.env.store, ctx.caller.accountId);
    const page = iamPage(alias ? [alias] : [], input.Marker, input.MaxItems);
    return { AccountAliases: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
