// organizations:RemoveAccountFromOrganization — the account becomes standalone: no organization, no
// placement, so no SCPs or RCPs apply to it any more. The management account cannot leave.
import { defineOperation } from '../../types.js';
import type { BatchOp } from '../../../store/index.js';
import { ACCOUNT_KIND } from '../../accounts/accounts.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, deleteOp } from '../mutate.js';
import { accountNotFound, masterCannotLeave } from '../errors.js';
import { STATE_KIND, memberAccount } from '../state.js';

export default defineOperation<{ AccountId: string }>({
  name: 'RemoveAccountFromOrganization',
  authz: (input, ctx) => checks(ctx, 'RemoveAccountFromOrganization', input.AccountId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const a = memberAccount(store, org, input.AccountId);
      if (!a) throw accountNotFound();
      if (a.id === org.masterAccountId) throw masterCannotLeave();
      const { organizationId: _left, ...standalone } = a;
      const ops: BatchOp[] = [
        { op: 'put', rec: { kind: ACCOUNT_KIND, account: a.id, id: a.id, data: standalone } },
      ];
      if (store.get(STATE_KIND.member, org.masterAccountId, a.id))
        ops.push(deleteOp(org, STATE_KIND.member, a.id));
      return { ops, result: undefined };
    });
    return {};
  },
});
