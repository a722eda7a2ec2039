// iam:UpdateRole — Description and/or MaxSessionDuration (3,600–43,200 s, checked by the model).
import { defineOperation } from '../../types.js';
import { assertModifiable, mutateRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  Description?: string;
  MaxSessionDuration?: number;
}

export default defineOperation<Input>({
  name: 'UpdateRole',
  authz: (input, ctx) => roleCheck(ctx, 'UpdateRole', input.RoleName),
  async handler(ctx, input) {
    await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (role) => {
      // A service-linked role's description may be edited; nothing else.
      if (input.MaxSessionDuration !== undefined) assertModifiable(role);
      if (input.Description !== undefined) role.description = input.Description;
      if (input.MaxSessionDuration !== undefined) role.maxSessionDuration = input.MaxSessionDuration;
    });
    return {};
  },
});
