// iam:ListAttachedGroupPolicies — a group's managed policies (name and ARN), paged.
import { defineOperation } from '../../types.js';
import { attachedPolicies } from './ListAttachedUserPolicies.js';
import { groupCheck, requireGroup } from './GetGroup.js';

interface Input {
  GroupName: string;
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListAttachedGroupPolicies',
  readOnly: true,
  authz: (input, ctx) => groupCheck(ctx, 'iam:ListAttachedGroupPolicies', input.GroupName),
  handler(ctx, input) {
    return attachedPolicies(ctx, requireGroup(ctx, input.GroupName).attachedPolicyArns, input);
  },
});
