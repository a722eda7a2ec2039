// organizations:ListAccountsForParent — the accounts directly under a root or OU.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { parentNotFound } from '../errors.js';
import { paginate } from '../paging.js';
import { memberAccounts, memberRecord, parentExists } from '../state.js';
import { describeAccount } from './ListAccounts.js';

export default defineOperation<{ ParentId: string; NextToken?: string; MaxResults?: number }>({
  name: 'ListAccountsForParent',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'ListAccountsForParent', input.ParentId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    if (!parentExists(store, org, input.ParentId)) throw parentNotFound();
    const accounts = memberAccounts(store, org)
      .filter((a) => memberRecord(store, org, a.id).parentId === input.ParentId)
      .sort((x, y) => x.joinedTimestamp.localeCompare(y.joinedTimestamp) || x.id.localeCompare(y.id));
    const page = paginate(accounts, input.NextToken, input.MaxResults);
    return { Accounts: page.items.map((a) => describeAccount(org, a)), NextToken: page.nextToken };
  },
});
