// iam:DeleteAccountAlias — removes the account's alias, which must be the one named.
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { aliasRecord } from './ListAccountAliases.js';

export default defineOperation<{ AccountAlias: string }>({
  name: 'DeleteAccountAlias',
  authz: () => ({ action: 'iam:DeleteAccountAlias', resource: '*' }),
  async handler(ctx, input) {
    const cur = aliasRecord(ctx.env.store, ctx.caller.accountId);
    if (!cur || cur.data.alias !== input.AccountAlias) {
      throw noSuchEntity(`The account alias ${input.AccountAlias} cannot be found.`);
    }
    await ctx.env.store.delete(cur.kind, cur.account, cur.id, { expectVersion: cur.version });
    return {};
  },
});
