// iam:DetachUserPolicy — detaches a managed policy from a user.
import { defineOperation } from '../../types.js';
import { detachFrom } from './AttachUserPolicy.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

export default defineOperation<{ UserName: string; PolicyArn: string }>({
  name: 'DetachUserPolicy',
  authz: (input, ctx) =>
    userCheck(ctx, 'iam:DetachUserPolicy', input.UserName, { 'iam:PolicyARN': input.PolicyArn }, true),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      u.attachedPolicyArns = detachFrom(u.attachedPolicyArns, input.PolicyArn);
      return { data: u, result: undefined };
    });
    return {};
  },
});
