// organizations:EnablePolicyType — SCPs or RCPs for the root. As in AWS, enabling a type attaches its
// AWS managed policy (FullAWSAccess, RCPFullAWSAccess) to the root, every OU and every account.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import { policyTypeAlreadyEnabled, policyTypeNotAvailable, rootNotFound } from '../errors.js';
import { describeRoot } from '../output.js';
import { findPolicy } from '../policies.js';
import { allTargets } from '../targets.js';
import { MANAGED_POLICY_ID, ORG_POLICY_TYPES, STATE_KIND, rootRecord, type OrgPolicyType } from '../state.js';
import { putOp } from '../mutate.js';

export default defineOperation<{ RootId: string; PolicyType: string }>({
  name: 'EnablePolicyType',
  authz: (input, ctx) => checks(ctx, 'EnablePolicyType', input.RootId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const type = input.PolicyType as OrgPolicyType;
    if (input.RootId !== org.rootId) throw rootNotFound();
    if (!ORG_POLICY_TYPES.includes(type) || org.featureSet !== 'ALL') throw policyTypeNotAvailable();
    await commit(store, org, () => {
      const root = rootRecord(store, org);
      if (root.policyTypes.includes(type)) throw policyTypeAlreadyEnabled();
      const managed = MANAGED_POLICY_ID[type];
      const ops = allTargets(store, org)
        .filter((t) => t.type !== 'ROOT')
        .map((t) => {
          const kept = t.state.policies.filter((id) => findPolicy(store, org, id)?.record.type !== type);
          return t.write({ ...t.state, policies: [...kept, managed] });
        });
      const kept = root.policies.filter((id) => findPolicy(store, org, id)?.record.type !== type);
      ops.push(
        putOp(org, STATE_KIND.root, root.id, {
          ...root,
          policyTypes: [...root.policyTypes, type],
          policies: [...kept, managed],
        }),
      );
      return { ops, result: undefined };
    });
    return { Root: describeRoot(store, org) };
  },
});
