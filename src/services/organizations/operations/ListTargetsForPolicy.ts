// organizations:ListTargetsForPolicy — the roots, OUs and accounts a policy is attached to.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { paginate } from '../paging.js';
import { requirePolicy } from '../policies.js';
import { allTargets, targetSummary } from '../targets.js';

export default defineOperation<{ PolicyId: string; NextToken?: string; MaxResults?: number }>({
  name: 'ListTargetsForPolicy',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'ListTargetsForPolicy', input.PolicyId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const p = requirePolicy(store, org, input.PolicyId);
    const targets = allTargets(store, org).filter((t) => t.state.policies.includes(p.record.id));
    const page = paginate(targets, input.NextToken, input.MaxResults);
    return { Targets: page.items.map(targetSummary), NextToken: page.nextToken };
  },
});
