// organizations:DeletePolicy — only a customer policy attached to nothing.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, deleteOp } from '../mutate.js';
import { immutablePolicy, policyInUse } from '../errors.js';
import { requirePolicy } from '../policies.js';
import { allTargets } from '../targets.js';
import { STATE_KIND } from '../state.js';

export default defineOperation<{ PolicyId: string }>({
  name: 'DeletePolicy',
  authz: (input, ctx) => checks(ctx, 'DeletePolicy', input.PolicyId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const p = requirePolicy(store, org, input.PolicyId);
      if (p.awsManaged) throw immutablePolicy();
      if (allTargets(store, org).some((t) => t.state.policies.includes(p.record.id))) throw policyInUse();
      return { ops: [deleteOp(org, STATE_KIND.policy, p.record.id)], result: undefined };
    });
    return {};
  },
});
