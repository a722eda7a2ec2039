// iam:GetRolePolicy — one inline policy, its document URL-encoded.
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { encodeDocument } from '../policy-doc.js';
import { requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PolicyName: string;
}

export const noSuchRolePolicy = (name: string) =>
  noSuchEntity(`The role policy with name ${name} cannot be found.`);

export default defineOperation<Input>({
  name: 'GetRolePolicy',
  readOnly: true,
  authz: (input, ctx) => roleCheck(ctx, 'GetRolePolicy', input.RoleName),
  handler(ctx, input) {
    const role = requireRole(ctx.env.store, ctx.caller.accountId, input.RoleName);
    const doc = Object.hasOwn(role.inlinePolicies, input.PolicyName)
      ? role.inlinePolicies[input.PolicyName]
      : undefined;
    if (doc === undefined) throw noSuchRolePolicy(input.PolicyName);
    return { RoleName: role.roleName, PolicyName: input.PolicyName, PolicyDocument: encodeDocument(doc) };
  },
});
