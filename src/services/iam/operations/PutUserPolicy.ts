// iam:PutUserPolicy — adds or replaces an inline policy of a user. The quota is on all of the user's
// inline policies together (2,048 characters, whitespace not counted). Also home to the inline-policy
// helpers shared with groups.
import { policySizeWithoutWhitespace } from '../../../policy/parse/index.js';
import { defineOperation } from '../../types.js';
import { limitExceeded } from '../errors.js';
import type { InlinePolicies } from '../model.js';
import { checkPolicyDocument } from '../policy-doc.js';
import { iamQuotas } from '../quotas.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

/**
 * Validates an inline policy for an identity and returns the policies with it set. The aggregate size
 * (this document plus the identity's other inline policies) must fit `maxChars`.
 */
export function withInlinePolicy(
  existing: InlinePolicies,
  policyName: string,
  document: string,
  maxChars: number,
  owner: { kind: 'user' | 'group' | 'role'; name: string },
): InlinePolicies {
  let total = policySizeWithoutWhitespace(document);
  for (const [name, doc] of Object.entries(existing))
    if (name !== policyName) total += policySizeWithoutWhitespace(doc);
  if (total > maxChars) {
    throw limitExceeded(`Maximum policy size of ${maxChars} bytes exceeded for ${owner.kind} ${owner.name}`);
  }
  checkPolicyDocument(document, {
    kind: 'identity',
    maxChars: Number.MAX_SAFE_INTEGER,
    quotaName: 'PolicySize',
  });
  return { ...existing, [policyName]: document };
}

export default defineOperation<{ UserName: string; PolicyName: string; PolicyDocument: string }>({
  name: 'PutUserPolicy',
  authz: (input, ctx) => userCheck(ctx, 'iam:PutUserPolicy', input.UserName, {}, true),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      u.inlinePolicies = withInlinePolicy(
        u.inlinePolicies,
        input.PolicyName,
        input.PolicyDocument,
        iamQuotas().userInlinePolicyChars,
        {
          kind: 'user',
          name: u.userName,
        },
      );
      return { data: u, result: undefined };
    });
    return {};
  },
});
