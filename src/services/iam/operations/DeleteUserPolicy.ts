// iam:DeleteUserPolicy — removes one inline policy of a user.
import { defineOperation } from '../../types.js';
import { userCheck } from './GetUser.js';
import { noSuchUserPolicy } from './GetUserPolicy.js';
import { mutateUser } from './UpdateUser.js';

export default defineOperation<{ UserName: string; PolicyName: string }>({
  name: 'DeleteUserPolicy',
  authz: (input, ctx) => userCheck(ctx, 'iam:DeleteUserPolicy', input.UserName, {}, true),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      if (!Object.hasOwn(u.inlinePolicies, input.PolicyName)) throw noSuchUserPolicy(input.PolicyName);
      delete u.inlinePolicies[input.PolicyName];
      return { data: u, result: undefined };
    });
    return {};
  },
});
