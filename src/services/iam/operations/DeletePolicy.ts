// DeletePolicy: only a customer managed policy that nothing uses (attached or as a permissions
// boundary) and that has no version besides its default one.
import { defineOperation } from '../../types.js';
import { deleteConflict } from '../errors.js';
import { policyUsage, requireCustomerPolicy } from '../managed-policies.js';
import { KIND } from '../model.js';

export default defineOperation<{ PolicyArn: string }>({
  name: 'DeletePolicy',
  authz: (input) => ({ action: 'iam:DeletePolicy', resource: input.PolicyArn }),
  async handler(ctx, input) {
    const rec = requireCustomerPolicy(ctx, input.PolicyArn, 'DeletePolicy');
    const usage = policyUsage(ctx.env.store, ctx.caller.accountId).get(rec.data.arn);
    if (usage && (usage.attachments > 0 || usage.boundaries > 0)) {
      throw deleteConflict('Cannot delete a policy attached to entities.');
    }
    if (rec.data.versions.length > 1) {
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await ctx.env.store.delete(KIND.policy, rec.account, rec.id, { expectVersion: rec.version });
    return {};
  },
});
