// SimulateCustomPolicy: the caller's PolicyInputList (and optional boundary and resource policy)
// evaluated by the engine for each action and resource, as if an IAM user (CallerArn) made the call.
import { defineOperation } from '../../types.js';
import { callerPrincipal } from '../simulate/principal-source.js';
import { inputBoundary, inputPolicies, runSimulation, type SimulateInput } from '../simulate/request.js';

export default defineOperation<SimulateInput>({
  name: 'SimulateCustomPolicy',
  readOnly: true,
  authz: () => ({ action: 'iam:SimulateCustomPolicy', resource: '*' }),
  handler(ctx, input) {
    const principal = callerPrincipal(input.CallerArn, ctx.caller.accountId);
    return runSimulation(
      input,
      principal,
      inputPolicies(input.PolicyInputList),
      inputBoundary(input.PermissionsBoundaryPolicyInputList),
    );
  },
});
