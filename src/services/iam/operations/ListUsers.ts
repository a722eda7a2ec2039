// iam:ListUsers — users under a path prefix, by name, paged. Listings omit PermissionsBoundary and Tags.
import { defineOperation } from '../../types.js';
import { KIND, type UserRecord } from '../model.js';
import { iamPage, underPath } from '../paging.js';
import { describeUser } from './GetUser.js';

interface Input {
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListUsers',
  readOnly: true,
  authz: () => ({ action: 'iam:ListUsers', resource: '*' }),
  handler(ctx, input) {
    const users = ctx.env.store
      .list<UserRecord>(KIND.user, ctx.caller.accountId)
      .map((r) => r.data)
      .filter((u) => underPath(u.path, input.PathPrefix));
    const page = iamPage(users, input.Marker, input.MaxItems);
    return {
      Users: page.items.map((u) => describeUser(u, true)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
