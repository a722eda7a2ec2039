// GetPolicy: a customer or AWS managed policy with its attachment and boundary usage counts.
import { defineOperation } from '../../types.js';
import { policyShape, policyUsage, requireManagedPolicy, NO_USAGE } from '../managed-policies.js';

export default defineOperation<{ PolicyArn: string }>({
  name: 'GetPolicy',
  readOnly: true,
  authz: (input) => ({ action: 'iam:GetPolicy', resource: input.PolicyArn }),
  handler(ctx, input) {
    const p = requireManagedPolicy(ctx, input.PolicyArn);
    const usage = policyUsage(ctx.env.store, ctx.caller.accountId).get(p.arn) ?? NO_USAGE;
    return { Policy: policyShape(p, usage, { detail: true }) };
  },
});
