// organizations:DescribePolicy — customer or AWS managed policies.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { describePolicy, requirePolicy } from '../policies.js';

export default defineOperation<{ PolicyId: string }>({
  name: 'DescribePolicy',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'DescribePolicy', input.PolicyId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    return { Policy: describePolicy(requirePolicy(store, org, input.PolicyId)) };
  },
});
