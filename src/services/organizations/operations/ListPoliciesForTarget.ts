// organizations:ListPoliciesForTarget — the policies of one type attached directly to a target.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { targetNotFound } from '../errors.js';
import { paginate } from '../paging.js';
import { findPolicy, policySummary, type ResolvedOrgPolicy } from '../policies.js';
import { findTarget } from '../targets.js';

export default defineOperation<{ TargetId: string; Filter: string; NextToken?: string; MaxResults?: number }>(
  {
    name: 'ListPoliciesForTarget',
    readOnly: true,
    authz: (input, ctx) => checks(ctx, 'ListPoliciesForTarget', input.TargetId),
    handler(ctx, input) {
      const { store } = ctx.env;
      const org = requireManagementAccount(store, ctx.caller);
      const t = findTarget(store, org, input.TargetId);
      if (!t) throw targetNotFound();
      const policies = t.state.policies
        .map((id) => findPolicy(store, org, id))
        .filter((p): p is ResolvedOrgPolicy => p !== undefined && p.record.type === input.Filter);
      const page = paginate(policies, input.NextToken, input.MaxResults);
      return { Policies: page.items.map(policySummary), NextToken: page.nextToken };
    },
  },
);
