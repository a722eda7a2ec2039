// organizations:DescribeAccount — management account only.
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import { getAccount } from '../../accounts/accounts.js';
import { accountArn, organizationOf, requireManagementAccount } from '../model.js';
import { describeAccount } from './ListAccounts.js';

export default defineOperation<{ AccountId: string }>({
  name: 'DescribeAccount',
  readOnly: true,
  authz: (input, ctx) => {
    const org = organizationOf(ctx.env.store, ctx.caller.accountId);
    return {
      action: 'organizations:DescribeAccount',
      resource: org ? accountArn(org, input.AccountId) : '*',
    };
  },
  handler(ctx, input) {
    const org = requireManagementAccount(ctx.env.store, ctx.caller);
    const a = getAccount(ctx.env.store, input.AccountId);
    if (!a || a.organizationId !== org.id) {
      throw new AwsError('AccountNotFoundException', "You specified an account that doesn't exist.");
    }
    return { Account: describeAccount(org, a) };
  },
});
