// organizations:ListRoots — the organization's one root, with its enabled policy types.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { describeRoot } from '../output.js';
import { paginate } from '../paging.js';

export default defineOperation<{ NextToken?: string; MaxResults?: number }>({
  name: 'ListRoots',
  readOnly: true,
  authz: () => ({ action: 'organizations:ListRoots', resource: '*' }),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const page = paginate([describeRoot(store, org)], input.NextToken, input.MaxResults);
    return { Roots: page.items, NextToken: page.nextToken };
  },
});
