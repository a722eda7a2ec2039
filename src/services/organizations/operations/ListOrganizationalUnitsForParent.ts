// organizations:ListOrganizationalUnitsForParent — NextToken paging.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { parentNotFound } from '../errors.js';
import { describeOu } from '../output.js';
import { paginate } from '../paging.js';
import { listOus, parentExists } from '../state.js';

export default defineOperation<{ ParentId: string; NextToken?: string; MaxResults?: number }>({
  name: 'ListOrganizationalUnitsForParent',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'ListOrganizationalUnitsForParent', input.ParentId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    if (!parentExists(store, org, input.ParentId)) throw parentNotFound();
    const ous = listOus(store, org).filter((o) => o.parentId === input.ParentId);
    const page = paginate(ous, input.NextToken, input.MaxResults);
    return {
      OrganizationalUnits: page.items.map((o) => describeOu(store, org, o)),
      NextToken: page.nextToken,
    };
  },
});
