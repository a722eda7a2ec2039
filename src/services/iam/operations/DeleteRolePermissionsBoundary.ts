// iam:DeleteRolePermissionsBoundary — removes the boundary; NoSuchEntity when the role has none.
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { assertModifiable, mutateRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
}

export default defineOperation<Input>({
  name: 'DeleteRolePermissionsBoundary',
  authz: (input, ctx) => roleCheck(ctx, 'DeleteRolePermissionsBoundary', input.RoleName),
  async handler(ctx, input) {
    await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (role) => {
      assertModifiable(role);
      if (!role.permissionsBoundaryArn) {
        throw noSuchEntity(`The role with name ${role.roleName} does not have a permissions boundary.`);
      }
      delete role.permissionsBoundaryArn;
    });
    return {};
  },
});
