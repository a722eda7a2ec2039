// organizations:CloseAccount — a member account is closed at once (AWS: SUSPENDED after a short
// PENDING_CLOSURE); it stays in the organization, as closed accounts do until AWS removes them.
import { defineOperation } from '../../types.js';
import { ACCOUNT_KIND } from '../../accounts/accounts.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import { accountAlreadyClosed, accountNotFound, constraintViolation } from '../errors.js';
import { memberAccount } from '../state.js';

export default defineOperation<{ AccountId: string }>({
  name: 'CloseAccount',
  authz: (input, ctx) => checks(ctx, 'CloseAccount', input.AccountId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const a = memberAccount(store, org, input.AccountId);
      if (!a) throw accountNotFound();
      if (a.id === org.masterAccountId) throw constraintViolation('CANNOT_CLOSE_MANAGEMENT_ACCOUNT');
      if (a.status !== 'ACTIVE') throw accountAlreadyClosed();
      return {
        ops: [
          {
            op: 'put',
            rec: { kind: ACCOUNT_KIND, account: a.id, id: a.id, data: { ...a, status: 'SUSPENDED' } },
          },
        ],
        result: undefined,
      };
    });
    return {};
  },
});
