// organizations:ListAccounts — management account only; NextToken paging.
import { defineOperation } from '../../types.js';
import { listAccounts, type AccountRecord } from '../../accounts/accounts.js';
import { accountArn, requireManagementAccount, type OrganizationRecord } from '../model.js';
import { paginate } from '../paging.js';

export function describeAccount(org: OrganizationRecord, a: AccountRecord) {
  return {
    Id: a.id,
    Arn: accountArn(org, a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status === 'ACTIVE' ? 'ACTIVE' : a.status === 'SUSPENDED' ? 'SUSPENDED' : 'PENDING_CLOSURE',
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: new Date(a.joinedTimestamp),
  };
}

export default defineOperation<{ NextToken?: string; MaxResults?: number }>({
  name: 'ListAccounts',
  readOnly: true,
  authz: () => ({ action: 'organizations:ListAccounts', resource: '*' }),
  handler(ctx, input) {
    const org = requireManagementAccount(ctx.env.store, ctx.caller);
    const all = listAccounts(ctx.env.store)
      .filter((a) => a.organizationId === org.id)
      .sort((x, y) => x.joinedTimestamp.localeCompare(y.joinedTimestamp) || x.id.localeCompare(y.id));
    const page = paginate(all, input.NextToken, input.MaxResults);
    return { Accounts: page.items.map((a) => describeAccount(org, a)), NextToken: page.nextToken };
  },
});
