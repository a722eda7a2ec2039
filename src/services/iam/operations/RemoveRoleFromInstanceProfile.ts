// iam:RemoveRoleFromInstanceProfile — NoSuchEntity when the role is not in the profile.
import { defineOperation } from '../../types.js';
import { noSuchRole } from '../errors.js';
import { mutateInstanceProfile, profileCheck } from './GetInstanceProfile.js';
import { requireRole } from './GetRole.js';

interface Input {
  InstanceProfileName: string;
  RoleName: string;
}

export default defineOperation<Input>({
  name: 'RemoveRoleFromInstanceProfile',
  authz: (input, ctx) => profileCheck(ctx, 'RemoveRoleFromInstanceProfile', input.InstanceProfileName),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    await mutateInstanceProfile(store, account, input.InstanceProfileName, (p) => {
      const role = requireRole(store, account, input.RoleName);
      const i = p.roles.findIndex((n) => n.toLowerCase() === role.roleName.toLowerCase());
      if (i < 0) throw noSuchRole(input.RoleName);
      p.roles.splice(i, 1);
    });
    return {};
  },
});
