// iam:DetachRolePolicy — NoSuchEntity when the policy is not attached to the role.
import { defineOperation } from '../../types.js';
import { invalidInput, noSuchEntity } from '../errors.js';
import { assertModifiable, mutateRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PolicyArn: string;
}

export default defineOperation<Input>({
  name: 'DetachRolePolicy',
  authz: (input, ctx) =>
    roleCheck(ctx, 'DetachRolePolicy', input.RoleName, { 'iam:PolicyARN': input.PolicyArn }),
  async handler(ctx, input) {
    if (!input.PolicyArn.startsWith('arn:')) throw invalidInput(`ARN ${input.PolicyArn} is not valid.`);
    await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (role) => {
      assertModifiable(role);
      const i = role.attachedPolicyArns.indexOf(input.PolicyArn);
      if (i < 0) throw noSuchEntity(`Policy ${input.PolicyArn} was not found.`);
      role.attachedPolicyArns.splice(i, 1);
    });
    return {};
  },
});
