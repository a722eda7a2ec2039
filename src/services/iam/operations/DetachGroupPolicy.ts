// iam:DetachGroupPolicy — detaches a managed policy from a group.
import { defineOperation } from '../../types.js';
import { noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { detachFrom } from './AttachUserPolicy.js';
import { groupCheck } from './GetGroup.js';
import { mutateRecord } from './UpdateUser.js';

export default defineOperation<{ GroupName: string; PolicyArn: string }>({
  name: 'DetachGroupPolicy',
  authz: (input, ctx) =>
    groupCheck(ctx, 'iam:DetachGroupPolicy', input.GroupName, { 'iam:PolicyARN': input.PolicyArn }),
  async handler(ctx, input) {
    await mutateRecord<GroupRecord, undefined>(
      ctx,
      KIND.group,
      input.GroupName,
      () => noSuchGroup(input.GroupName),
      (g) => {
        g.attachedPolicyArns = detachFrom(g.attachedPolicyArns, input.PolicyArn);
        return { data: g, result: undefined };
      },
    );
    return {};
  },
});
