// iam:ListRoleTags — the role's tags, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListRoleTags',
  readOnly: true,
  authz: (input, ctx) => roleCheck(ctx, 'ListRoleTags', input.RoleName),
  handler(ctx, input) {
    const role = requireRole(ctx.env.store, ctx.caller.accountId, input.RoleName);
    const page = iamPage(role.tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
