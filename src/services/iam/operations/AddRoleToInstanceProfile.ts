// iam:AddRoleToInstanceProfile — one role per profile (InstanceSessionsPerInstanceProfile). The caller
// also needs iam:PassRole on the role, as in AWS (the profile hands the role to EC2).
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, limitExceeded } from '../errors.js';
import { iamQuotas } from '../quotas.js';
import { mutateInstanceProfile, profileCheck, requireInstanceProfile } from './GetInstanceProfile.js';
import { requireRole, roleCheck } from './GetRole.js';

interface Input {
  InstanceProfileName: string;
  RoleName: string;
}

export default defineOperation<Input>({
  name: 'AddRoleToInstanceProfile',
  authz: (input, ctx) => {
    const passRole = roleCheck(ctx, 'PassRole', input.RoleName, {
      'iam:PassedToService': 'ec2.amazonaws.com',
    });
    return [profileCheck(ctx, 'AddRoleToInstanceProfile', input.InstanceProfileName), passRole];
  },
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    requireInstanceProfile(store, account, input.InstanceProfileName);
    const role = requireRole(store, account, input.RoleName);
    await mutateInstanceProfile(store, account, input.InstanceProfileName, (p) => {
      const quota = iamQuotas().rolesPerInstanceProfile;
      if (p.roles.length >= quota) {
        throw limitExceeded(`Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${quota}`);
      }
      if (p.roles.some((n) => n.toLowerCase() === role.roleName.toLowerCase())) {
        throw entityAlreadyExists(
          `The role with name ${role.roleName} already exists in the instance profile.`,
        );
      }
      p.roles.push(role.roleName);
    });
    return {};
  },
});
