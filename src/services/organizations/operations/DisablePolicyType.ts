// organizations:DisablePolicyType — detaches every policy of the type from every target (the policies
// themselves remain) and stops enforcing the type.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, putOp } from '../mutate.js';
import { policyTypeNotEnabled, rootNotFound } from '../errors.js';
import { describeRoot } from '../output.js';
import { findPolicy } from '../policies.js';
import { allTargets } from '../targets.js';
import { STATE_KIND, rootRecord, type OrgPolicyType } from '../state.js';

export default defineOperation<{ RootId: string; PolicyType: string }>({
  name: 'DisablePolicyType',
  authz: (input, ctx) => checks(ctx, 'DisablePolicyType', input.RootId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const type = input.PolicyType as OrgPolicyType;
    if (input.RootId !== org.rootId) throw rootNotFound();
    await commit(store, org, () => {
      const root = rootRecord(store, org);
      if (!root.policyTypes.includes(type)) throw policyTypeNotEnabled();
      const ofType = (id: string) => findPolicy(store, org, id)?.record.type === type;
      const ops = allTargets(store, org)
        .filter((t) => t.type !== 'ROOT' && t.state.policies.some(ofType))
        .map((t) => t.write({ ...t.state, policies: t.state.policies.filter((id) => !ofType(id)) }));
      ops.push(
        putOp(org, STATE_KIND.root, root.id, {
          ...root,
          policyTypes: root.policyTypes.filter((t) => t !== type),
          policies: root.policies.filter((id) => !ofType(id)),
        }),
      );
      return { ops, result: undefined };
    });
    return { Root: describeRoot(store, org) };
  },
});
