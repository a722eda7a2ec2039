// iam:PutRolePolicy — creates or replaces an inline policy. IAM's quota is on the sum of a role's
// inline policies (10,240 characters, whitespace not counted), with its own wording.
import { policySizeWithoutWhitespace } from '../../../policy/parse/index.js';
import { defineOperation } from '../../types.js';
import { limitExceeded } from '../errors.js';
import { checkPolicyDocument } from '../policy-doc.js';
import { iamQuotas } from '../quotas.js';
import { assertModifiable, mutateRole, requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PolicyName: string;
  PolicyDocument: string;
}

export default defineOperation<Input>({
  name: 'PutRolePolicy',
  authz: (input, ctx) => roleCheck(ctx, 'PutRolePolicy', input.RoleName),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    assertModifiable(requireRole(store, account, input.RoleName));
    const max = iamQuotas().roleInlinePolicyChars;
    const ownSize = policySizeWithoutWhitespace(input.PolicyDocument);
    if (ownSize > max) throw tooBig(max, input.RoleName);
    checkPolicyDocument(input.PolicyDocument, { kind: 'identity', maxChars: max, quotaName: 'PolicySize' });
    await mutateRole(store, account, input.RoleName, (role) => {
      assertModifiable(role);
      let total = ownSize;
      for (const [name, doc] of Object.entries(role.inlinePolicies)) {
        if (name !== input.PolicyName) total += policySizeWithoutWhitespace(doc);
      }
      if (total > max) throw tooBig(max, role.roleName);
      role.inlinePolicies[input.PolicyName] = input.PolicyDocument;
    });
    return {};
  },
});

function tooBig(max: number, roleName: string) {
  return limitExceeded(`Maximum policy size of ${max} bytes exceeded for role ${roleName}`);
}
