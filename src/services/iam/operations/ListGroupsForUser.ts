// iam:ListGroupsForUser — the groups a user belongs to, by name, paged.
import { defineOperation } from '../../types.js';
import { getGroupByName, type GroupRecord } from '../model.js';
import { byName, iamPage } from '../paging.js';
import { requireUser, userCheck } from './GetUser.js';
import { describeGroup } from './GetGroup.js';

export default defineOperation<{ UserName: string; Marker?: string; MaxItems?: number }>({
  name: 'ListGroupsForUser',
  readOnly: true,
  authz: (input, ctx) => userCheck(ctx, 'iam:ListGroupsForUser', input.UserName),
  handler(ctx, input) {
    const u = requireUser(ctx, input.UserName);
    const groups = u.groups
      .map((n) => getGroupByName(ctx.env.store, ctx.caller.accountId, n))
      .filter((g): g is GroupRecord => g !== undefined)
      .sort(byName((g) => g.groupName));
    const page = iamPage(groups, input.Marker, input.MaxItems);
    return { Groups: page.items.map(describeGroup), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
