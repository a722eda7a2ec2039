// organizations:DescribeOrganizationalUnit
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { ouNotFound } from '../errors.js';
import { describeOu } from '../output.js';
import { getOu } from '../state.js';

export default defineOperation<{ OrganizationalUnitId: string }>({
  name: 'DescribeOrganizationalUnit',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'DescribeOrganizationalUnit', input.OrganizationalUnitId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const ou = getOu(store, org, input.OrganizationalUnitId);
    if (!ou) throw ouNotFound();
    return { OrganizationalUnit: describeOu(store, org, ou) };
  },
});
