// iam:UpdateAssumeRolePolicy — replaces the trust policy, validated as on CreateRole.
import { defineOperation } from '../../types.js';
import { checkTrustPolicy } from '../trust.js';
import { assertModifiable, mutateRole, requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PolicyDocument: string;
}

export default defineOperation<Input>({
  name: 'UpdateAssumeRolePolicy',
  authz: (input, ctx) => roleCheck(ctx, 'UpdateAssumeRolePolicy', input.RoleName),
  async handler(ctx, input) {
    const { store } = ctx.env;
    assertModifiable(requireRole(store, ctx.caller.accountId, input.RoleName));
    checkTrustPolicy(store, input.PolicyDocument);
    await mutateRole(store, ctx.caller.accountId, input.RoleName, (role) => {
      role.assumeRolePolicyDocument = input.PolicyDocument;
    });
    return {};
  },
});
