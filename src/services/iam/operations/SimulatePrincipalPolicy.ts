// SimulatePrincipalPolicy: the policies of a user (with its groups'), group or role, plus any
// PolicyInputList, evaluated by the engine for each action and resource.
import { defineOperation } from '../../types.js';
import { callerPrincipal, resolvePrincipalSource } from '../simulate/principal-source.js';
import { inputBoundary, inputPolicies, runSimulation, type SimulateInput } from '../simulate/request.js';

export default defineOperation<SimulateInput & { PolicySourceArn: string }>({
  name: 'SimulatePrincipalPolicy',
  readOnly: true,
  authz: (input) => ({ action: 'iam:SimulatePrincipalPolicy', resource: input.PolicySourceArn }),
  handler(ctx, input) {
    const source = resolvePrincipalSource(ctx.env.store, ctx.caller.accountId, input.PolicySourceArn);
    const principal = input.CallerArn
      ? callerPrincipal(input.CallerArn, ctx.caller.accountId)
      : source.principal;
    const identity = [...source.identity, ...inputPolicies(input.PolicyInputList)];
    // A boundary given in the request replaces the entity's own.
    const boundary = inputBoundary(input.PermissionsBoundaryPolicyInputList) ?? source.boundary;
    return runSimulation(input, principal, identity, boundary);
  },
});
