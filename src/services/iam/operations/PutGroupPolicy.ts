// iam:PutGroupPolicy — adds or replaces an inline policy of a group (5,120 characters for all of the
// group's inline policies together, whitespace not counted).
import { defineOperation } from '../../types.js';
import { noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { groupCheck } from './GetGroup.js';
import { withInlinePolicy } from './PutUserPolicy.js';
import { mutateRecord } from './UpdateUser.js';

export default defineOperation<{ GroupName: string; PolicyName: string; PolicyDocument: string }>({
  name: 'PutGroupPolicy',
  authz: (input, ctx) => groupCheck(ctx, 'iam:PutGroupPolicy', input.GroupName),
  async handler(ctx, input) {
    await mutateRecord<GroupRecord, undefined>(
      ctx,
      KIND.group,
      input.GroupName,
      () => noSuchGroup(input.GroupName),
      (g) => {
        g.inlinePolicies = withInlinePolicy(
          g.inlinePolicies,
          input.PolicyName,
          input.PolicyDocument,
          iamQuotas().groupInlinePolicyChars,
          {
            kind: 'group',
            name: g.groupName,
          },
        );
        return { data: g, result: undefined };
      },
    );
    return {};
  },
});
