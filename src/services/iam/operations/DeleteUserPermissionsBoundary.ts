// iam:DeleteUserPermissionsBoundary — removes a user's permissions boundary (authorized with the
// boundary being removed as iam:PermissionsBoundary).
import { defineOperation } from '../../types.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

export default defineOperation<{ UserName: string }>({
  name: 'DeleteUserPermissionsBoundary',
  authz: (input, ctx) => userCheck(ctx, 'iam:DeleteUserPermissionsBoundary', input.UserName, {}, true),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      // Nothing to remove is not an error (IAM answers success).
      if (!u.permissionsBoundaryArn) return { write: false, result: undefined };
      delete u.permissionsBoundaryArn;
      return { data: u, result: undefined };
    });
    return {};
  },
});
