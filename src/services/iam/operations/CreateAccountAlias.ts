// iam:CreateAccountAlias — sets the account's alias, replacing the current one (an account has at most
// one; the console's "edit" is this call). Aliases are unique across accounts.
import { ConflictError, VersionConflictError } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { concurrentModification, entityAlreadyExists } from '../errors.js';
import { KIND } from '../model.js';
import { ALIAS_SCOPE, aliasRecord, type AccountAliasRecord } from './ListAccountAliases.js';

export default defineOperation<{ AccountAlias: string }>({
  name: 'CreateAccountAlias',
  authz: () => ({ action: 'iam:CreateAccountAlias', resource: '*' }),
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    const cur = aliasRecord(ctx.env.store, account);
    if (cur?.data.alias === input.AccountAlias) return {};
    const data: AccountAliasRecord = { accountId: account, alias: input.AccountAlias };
    try {
      await ctx.env.store.put(
        { kind: KIND.accountAlias, account: ALIAS_SCOPE, id: account, name: input.AccountAlias, data },
        { expectVersion: cur?.version ?? 0 },
      );
    } catch (e) {
      if (e instanceof ConflictError && e.field === 'name') {
        throw entityAlreadyExists(`The account alias ${input.AccountAlias} already exists.`);
      }
      if (e instanceof VersionConflictError) {
        throw concurrentModification('Another request is changing the account alias; retry the request.');
      }
      throw e;
    }
    return {};
  },
});
