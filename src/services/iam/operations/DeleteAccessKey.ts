// iam:DeleteAccessKey — deletes a key of the named (or calling) user; it stops working at once.
import { defineOperation } from '../../types.js';
import { targetResource } from './GetUser.js';
import { requireUserKey } from './UpdateAccessKey.js';

export default defineOperation<{ UserName?: string; AccessKeyId: string }>({
  name: 'DeleteAccessKey',
  authz: (input, ctx) => ({ action: 'iam:DeleteAccessKey', resource: targetResource(ctx, input.UserName) }),
  async handler(ctx, input) {
    const rec = requireUserKey(ctx, input.UserName, input.AccessKeyId);
    await ctx.env.store.delete(rec.kind, rec.account, rec.id);
    return {};
  },
});
