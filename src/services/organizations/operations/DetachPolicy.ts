// organizations:DetachPolicy — every target keeps at least one SCP while SCPs are enabled
// (MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED), and RCPFullAWSAccess cannot be detached.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import { constraintViolation, invalidInput, policyNotAttached, targetNotFound } from '../errors.js';
import { findPolicy, requirePolicy } from '../policies.js';
import { findTarget } from '../targets.js';
import { MANAGED_POLICY_ID } from '../state.js';

export default defineOperation<{ PolicyId: string; TargetId: string }>({
  name: 'DetachPolicy',
  authz: (input, ctx) => checks(ctx, 'DetachPolicy', input.PolicyId, input.TargetId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const p = requirePolicy(store, org, input.PolicyId);
      const t = findTarget(store, org, input.TargetId);
      if (!t) throw targetNotFound();
      if (!t.state.policies.includes(p.record.id)) throw policyNotAttached();
      if (p.record.id === MANAGED_POLICY_ID.RESOURCE_CONTROL_POLICY) {
        throw invalidInput(
          'NON_DETACHABLE_POLICY',
          'You cannot detach this policy from the specified target.',
        );
      }
      const rest = t.state.policies.filter((id) => id !== p.record.id);
      if (
        p.record.type === 'SERVICE_CONTROL_POLICY' &&
        !rest.some((id) => findPolicy(store, org, id)?.record.type === 'SERVICE_CONTROL_POLICY')
      ) {
        throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      }
      return { ops: [t.write({ ...t.state, policies: rest })], result: undefined };
    });
    return {};
  },
});
