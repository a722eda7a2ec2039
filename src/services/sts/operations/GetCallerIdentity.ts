// sts:GetCallerIdentity — needs no permission: AWS answers it even when an explicit deny covers it.
import { defineOperation } from '../../types.js';

export default defineOperation<Record<string, never>, { UserId: string; Account: string; Arn: string }>({
  name: 'GetCallerIdentity',
  readOnly: true,
  handler(ctx) {
    const c = ctx.caller;
    return { UserId: c.userId, Account: c.accountId, Arn: c.arn };
  },
});
