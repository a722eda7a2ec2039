// iam:GetUserPolicy — one inline policy of a user; the document URL-encoded, as IAM returns it.
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { encodeDocument } from '../policy-doc.js';
import { requireUser, userCheck } from './GetUser.js';

export const noSuchUserPolicy = (name: string) =>
  noSuchEntity(`The user policy with name ${name} cannot be found.`);

export default defineOperation<{ UserName: string; PolicyName: string }>({
  name: 'GetUserPolicy',
  readOnly: true,
  authz: (input, ctx) => userCheck(ctx, 'iam:GetUserPolicy', input.UserName),
  handler(ctx, input) {
    const u = requireUser(ctx, input.UserName);
    const doc = Object.hasOwn(u.inlinePolicies, input.PolicyName)
      ? u.inlinePolicies[input.PolicyName]
      : undefined;
    if (doc === undefined) throw noSuchUserPolicy(input.PolicyName);
    return { UserName: u.userName, PolicyName: input.PolicyName, PolicyDocument: encodeDocument(doc) };
  },
});
