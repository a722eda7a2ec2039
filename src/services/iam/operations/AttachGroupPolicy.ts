// iam:AttachGroupPolicy — attaches a managed policy to a group; idempotent; at most 10 per group.
import { defineOperation } from '../../types.js';
import { noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { attachTo } from './AttachUserPolicy.js';
import { groupCheck } from './GetGroup.js';
import { mutateRecord } from './UpdateUser.js';

export default defineOperation<{ GroupName: string; PolicyArn: string }>({
  name: 'AttachGroupPolicy',
  authz: (input, ctx) =>
    groupCheck(ctx, 'iam:AttachGroupPolicy', input.GroupName, { 'iam:PolicyARN': input.PolicyArn }),
  async handler(ctx, input) {
    await mutateRecord<GroupRecord, undefined>(
      ctx,
      KIND.group,
      input.GroupName,
      () => noSuchGroup(input.GroupName),
      (g) => {
        const a = attachTo(ctx, g.attachedPolicyArns, input.PolicyArn, 'PoliciesPerGroup');
        if (!a.arns) return { write: false, result: undefined };
        g.attachedPolicyArns = a.arns;
        return { data: g, ops: a.ops, result: undefined };
      },
    );
    return {};
  },
});
