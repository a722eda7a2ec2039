// iam:ListGroups — groups under a path prefix, by name, paged.
import { defineOperation } from '../../types.js';
import { KIND, type GroupRecord } from '../model.js';
import { iamPage, underPath } from '../paging.js';
import { describeGroup } from './GetGroup.js';

export default defineOperation<{ PathPrefix?: string; Marker?: string; MaxItems?: number }>({
  name: 'ListGroups',
  readOnly: true,
  authz: () => ({ action: 'iam:ListGroups', resource: '*' }),
  handler(ctx, input) {
    const groups = ctx.env.store
      .list<GroupRecord>(KIND.group, ctx.caller.accountId)
      .map((r) => r.data)
      .filter((g) => underPath(g.path, input.PathPrefix));
    const page = iamPage(groups, input.Marker, input.MaxItems);
    return { Groups: page.items.map(describeGroup), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
