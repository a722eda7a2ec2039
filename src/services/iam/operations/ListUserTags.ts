// iam:ListUserTags — a user's tags, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { requireUser, userCheck } from './GetUser.js';

export default defineOperation<{ UserName: string; Marker?: string; MaxItems?: number }>({
  name: 'ListUserTags',
  readOnly: true,
  authz: (input, ctx) => userCheck(ctx, 'iam:ListUserTags', input.UserName),
  handler(ctx, input) {
    const u = requireUser(ctx, input.UserName);
    const page = iamPage(u.tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
