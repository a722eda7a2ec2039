// iam:ListRoles — by name, PathPrefix, Marker/MaxItems. Like AWS, the listing omits each role's
// permissions boundary, tags and RoleLastUsed (GetRole has them).
import { defineOperation } from '../../types.js';
import { KIND, type RoleRecord } from '../model.js';
import { iamPage, underPath } from '../paging.js';
import { roleOutput } from './GetRole.js';

interface Input {
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListRoles',
  readOnly: true,
  authz: () => ({ action: 'iam:ListRoles', resource: '*' }),
  handler(ctx, input) {
    const roles = ctx.env.store
      .list<RoleRecord>(KIND.role, ctx.caller.accountId)
      .map((r) => r.data)
      .filter((r) => underPath(r.path, input.PathPrefix));
    const page = iamPage(roles, input.Marker, input.MaxItems);
    return {
      Roles: page.items.map((r) => roleOutput(r, 'list')),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
