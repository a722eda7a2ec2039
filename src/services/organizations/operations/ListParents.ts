// organizations:ListParents — the one parent (root or OU) of an OU or account.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { childNotFound } from '../errors.js';
import { paginate } from '../paging.js';
import { ACCOUNT_RE, getOu, memberAccount, memberRecord } from '../state.js';

export default defineOperation<{ ChildId: string; NextToken?: string; MaxResults?: number }>({
  name: 'ListParents',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'ListParents', input.ChildId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    let parentId: string | undefined;
    if (ACCOUNT_RE.test(input.ChildId)) {
      if (memberAccount(store, org, input.ChildId))
        parentId = memberRecord(store, org, input.ChildId).parentId;
    } else {
      parentId = getOu(store, org, input.ChildId)?.parentId;
    }
    if (!parentId) throw childNotFound();
    const page = paginate([parentId], input.NextToken, input.MaxResults);
    return {
      Parents: page.items.map((Id) => ({ Id, Type: Id === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' })),
      NextToken: page.nextToken,
    };
  },
});
