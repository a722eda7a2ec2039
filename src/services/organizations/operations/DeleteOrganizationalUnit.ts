// organizations:DeleteOrganizationalUnit — only an empty OU (no accounts, no child OUs).
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, deleteOp } from '../mutate.js';
import { ouNotEmpty, ouNotFound } from '../errors.js';
import { STATE_KIND, getOu, listOus, memberAccounts, memberRecord } from '../state.js';

export default defineOperation<{ OrganizationalUnitId: string }>({
  name: 'DeleteOrganizationalUnit',
  authz: (input, ctx) => checks(ctx, 'DeleteOrganizationalUnit', input.OrganizationalUnitId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const ou = getOu(store, org, input.OrganizationalUnitId);
      if (!ou) throw ouNotFound();
      const hasOus = listOus(store, org).some((o) => o.parentId === ou.id);
      const hasAccounts = memberAccounts(store, org).some(
        (a) => memberRecord(store, org, a.id).parentId === ou.id,
      );
      if (hasOus || hasAccounts) throw ouNotEmpty();
      return { ops: [deleteOp(org, STATE_KIND.ou, ou.id)], result: undefined };
    });
    return {};
  },
});
