// organizations:AttachPolicy — to a root, OU or account, once, when the policy's type is enabled, at
// most 5 policies of a type per target (RCPFullAWSAccess, which cannot be detached, not counted).
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import {
  constraintViolation,
  duplicatePolicyAttachment,
  policyTypeNotEnabled,
  targetNotFound,
} from '../errors.js';
import { findPolicy, requirePolicy } from '../policies.js';
import { findTarget } from '../targets.js';
import { MANAGED_POLICY_ID, QUOTAS, rootRecord } from '../state.js';

export default defineOperation<{ PolicyId: string; TargetId: string }>({
  name: 'AttachPolicy',
  authz: (input, ctx) => checks(ctx, 'AttachPolicy', input.PolicyId, input.TargetId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const p = requirePolicy(store, org, input.PolicyId);
      const t = findTarget(store, org, input.TargetId);
      if (!t) throw targetNotFound();
      const type = p.record.type;
      if (!rootRecord(store, org).policyTypes.includes(type)) throw policyTypeNotEnabled();
      if (t.state.policies.includes(p.record.id)) throw duplicatePolicyAttachment();
      const counted = t.state.policies.filter(
        (id) =>
          id !== MANAGED_POLICY_ID.RESOURCE_CONTROL_POLICY &&
          findPolicy(store, org, id)?.record.type === type,
      );
      if (counted.length >= QUOTAS.attachmentsPerTarget) {
        throw constraintViolation('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
      }
      return {
        ops: [t.write({ ...t.state, policies: [...t.state.policies, p.record.id] })],
        result: undefined,
      };
    });
    return {};
  },
});
