// iam:DeleteRolePolicy — removes one inline policy.
import { defineOperation } from '../../types.js';
import { assertModifiable, mutateRole, roleCheck } from './GetRole.js';
import { noSuchRolePolicy } from './GetRolePolicy.js';

interface Input {
  RoleName: string;
  PolicyName: string;
}

export default defineOperation<Input>({
  name: 'DeleteRolePolicy',
  authz: (input, ctx) => roleCheck(ctx, 'DeleteRolePolicy', input.RoleName),
  async handler(ctx, input) {
    await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (role) => {
      if (!Object.hasOwn(role.inlinePolicies, input.PolicyName)) throw noSuchRolePolicy(input.PolicyName);
      assertModifiable(role);
      delete role.inlinePolicies[input.PolicyName];
    });
    return {};
  },
});
