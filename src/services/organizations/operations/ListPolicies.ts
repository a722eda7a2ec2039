// organizations:ListPolicies — the policies of one type (Filter), AWS managed ones included.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { paginate } from '../paging.js';
import { listPolicies, policySummary } from '../policies.js';
import { ORG_POLICY_TYPES, type OrgPolicyType } from '../state.js';

export default defineOperation<{ Filter: string; NextToken?: string; MaxResults?: number }>({
  name: 'ListPolicies',
  readOnly: true,
  authz: () => ({ action: 'organizations:ListPolicies', resource: '*' }),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const type = input.Filter as OrgPolicyType;
    // Other policy types (tag, backup, …) are not modelled: they have no policies.
    const all = ORG_POLICY_TYPES.includes(type) ? listPolicies(store, org, type) : [];
    const page = paginate(all, input.NextToken, input.MaxResults);
    return { Policies: page.items.map(policySummary), NextToken: page.nextToken };
  },
});
