// iam:GetGroupPolicy — one inline policy of a group; the document URL-encoded, as IAM returns it.
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { encodeDocument } from '../policy-doc.js';
import { groupCheck, requireGroup } from './GetGroup.js';

export const noSuchGroupPolicy = (name: string) =>
  noSuchEntity(`The group policy with name ${name} cannot be found.`);

export default defineOperation<{ GroupName: string; PolicyName: string }>({
  name: 'GetGroupPolicy',
  readOnly: true,
  authz: (input, ctx) => groupCheck(ctx, 'iam:GetGroupPolicy', input.GroupName),
  handler(ctx, input) {
    const g = requireGroup(ctx, input.GroupName);
    const doc = Object.hasOwn(g.inlinePolicies, input.PolicyName)
      ? g.inlinePolicies[input.PolicyName]
      : undefined;
    if (doc === undefined) throw noSuchGroupPolicy(input.PolicyName);
    return { GroupName: g.groupName, PolicyName: input.PolicyName, PolicyDocument: encodeDocument(doc) };
  },
});
