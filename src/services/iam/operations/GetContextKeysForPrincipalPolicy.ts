// GetContextKeysForPrincipalPolicy: the condition keys of a user's (with its groups'), group's or
// role's policies and of any PolicyInputList.
import { defineOperation } from '../../types.js';
import { resolvePrincipalSource } from '../simulate/principal-source.js';
import { inputPolicies } from '../simulate/request.js';
import { contextKeysOf } from '../simulate/simulate.js';

export default defineOperation<{ PolicySourceArn: string; PolicyInputList?: string[] }>({
  name: 'GetContextKeysForPrincipalPolicy',
  readOnly: true,
  authz: (input) => ({ action: 'iam:GetContextKeysForPrincipalPolicy', resource: input.PolicySourceArn }),
  handler(ctx, input) {
    const source = resolvePrincipalSource(ctx.env.store, ctx.caller.accountId, input.PolicySourceArn);
    return { ContextKeyNames: contextKeysOf([...source.identity, ...inputPolicies(input.PolicyInputList)]) };
  },
});
