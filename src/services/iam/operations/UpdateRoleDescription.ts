// iam:UpdateRoleDescription — the older form of UpdateRole's Description; returns the role.
import { defineOperation } from '../../types.js';
import { mutateRole, roleCheck, roleOutput } from './GetRole.js';

interface Input {
  RoleName: string;
  Description: string;
}

export default defineOperation<Input>({
  name: 'UpdateRoleDescription',
  authz: (input, ctx) => roleCheck(ctx, 'UpdateRoleDescription', input.RoleName),
  async handler(ctx, input) {
    const role = await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (r) => {
      r.description = input.Description;
    });
    return { Role: roleOutput(role, 'get') };
  },
});
