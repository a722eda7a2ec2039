// GetContextKeysForCustomPolicy: the condition keys the given policies use.
import { defineOperation } from '../../types.js';
import { inputPolicies } from '../simulate/request.js';
import { contextKeysOf } from '../simulate/simulate.js';

export default defineOperation<{ PolicyInputList: string[] }>({
  name: 'GetContextKeysForCustomPolicy',
  readOnly: true,
  authz: () => ({ action: 'iam:GetContextKeysForCustomPolicy', resource: '*' }),
  handler(_ctx, input) {
    return { ContextKeyNames: contextKeysOf(inputPolicies(input.PolicyInputList)) };
  },
});
