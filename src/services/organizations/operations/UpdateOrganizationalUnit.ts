// organizations:UpdateOrganizationalUnit — renames an OU (names stay unique among siblings).
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, putOp } from '../mutate.js';
import { duplicateOu, ouNotFound } from '../errors.js';
import { describeOu } from '../output.js';
import { STATE_KIND, getOu, listOus, type OuRecord } from '../state.js';

export default defineOperation<{ OrganizationalUnitId: string; Name?: string }>({
  name: 'UpdateOrganizationalUnit',
  authz: (input, ctx) => checks(ctx, 'UpdateOrganizationalUnit', input.OrganizationalUnitId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const ou = await commit(store, org, () => {
      const cur = getOu(store, org, input.OrganizationalUnitId);
      if (!cur) throw ouNotFound();
      const name = input.Name ?? cur.name;
      if (
        listOus(store, org).some((o) => o.id !== cur.id && o.parentId === cur.parentId && o.name === name)
      ) {
        throw duplicateOu();
      }
      const next: OuRecord = { ...cur, name };
      return { ops: [putOp(org, STATE_KIND.ou, cur.id, next)], result: next };
    });
    return { OrganizationalUnit: describeOu(store, org, ou) };
  },
});
