// organizations:ListChildren — the OUs or the accounts directly under a root or OU.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { parentNotFound } from '../errors.js';
import { paginate } from '../paging.js';
import { listOus, memberAccounts, memberRecord, parentExists } from '../state.js';

type ChildType = 'ACCOUNT' | 'ORGANIZATIONAL_UNIT';

export default defineOperation<{
  ParentId: string;
  ChildType: ChildType;
  NextToken?: string;
  MaxResults?: number;
}>({
  name: 'ListChildren',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'ListChildren', input.ParentId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    if (!parentExists(store, org, input.ParentId)) throw parentNotFound();
    const ids =
      input.ChildType === 'ORGANIZATIONAL_UNIT'
        ? listOus(store, org)
            .filter((o) => o.parentId === input.ParentId)
            .map((o) => o.id)
        : memberAccounts(store, org)
            .filter((a) => memberRecord(store, org, a.id).parentId === input.ParentId)
            .map((a) => a.id);
    const page = paginate(ids, input.NextToken, input.MaxResults);
    return { Children: page.items.map((Id) => ({ Id, Type: input.ChildType })), NextToken: page.nextToken };
  },
});
