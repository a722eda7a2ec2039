// iam:DeleteGroupPolicy — removes one inline policy of a group.
import { defineOperation } from '../../types.js';
import { noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { groupCheck } from './GetGroup.js';
import { noSuchGroupPolicy } from './GetGroupPolicy.js';
import { mutateRecord } from './UpdateUser.js';

export default defineOperation<{ GroupName: string; PolicyName: string }>({
  name: 'DeleteGroupPolicy',
  authz: (input, ctx) => groupCheck(ctx, 'iam:DeleteGroupPolicy', input.GroupName),
  async handler(ctx, input) {
    await mutateRecord<GroupRecord, undefined>(
      ctx,
      KIND.group,
      input.GroupName,
      () => noSuchGroup(input.GroupName),
      (g) => {
        if (!Object.hasOwn(g.inlinePolicies, input.PolicyName)) throw noSuchGroupPolicy(input.PolicyName);
        delete g.inlinePolicies[input.PolicyName];
        return { data: g, result: undefined };
      },
    );
    return {};
  },
});
