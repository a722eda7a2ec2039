// iam:ListRolePolicies — the names of the role's inline policies, by name, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListRolePolicies',
  readOnly: true,
  authz: (input, ctx) => roleCheck(ctx, 'ListRolePolicies', input.RoleName),
  handler(ctx, input) {
    const role = requireRole(ctx.env.store, ctx.caller.accountId, input.RoleName);
    const names = Object.keys(role.inlinePolicies).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const page = iamPage(names, input.Marker, input.MaxItems);
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
