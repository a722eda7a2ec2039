// iam:AttachRolePolicy — a customer managed policy of the account or an AWS managed one; at most 10
// per role (PoliciesPerRole); attaching one already attached changes nothing. AWS's service-role
// policies (/aws-service-role/) attach to service-linked roles only.
import type { Store } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { invalidInput, limitExceeded, noSuchPolicy, policyNotAttachable } from '../errors.js';
import { findManagedPolicy, type ResolvedManagedPolicy } from '../managed-policies.js';
import { iamQuotas } from '../quotas.js';
import { assertModifiable, mutateRole, requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PolicyArn: string;
}

const POLICY_ARN_RE = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/;

/** The policy an ARN names, or IAM's InvalidInput / NoSuchEntity. */
export function requireAttachablePolicy(store: Store, account: string, arn: string): ResolvedManagedPolicy {
  if (!POLICY_ARN_RE.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  const p = findManagedPolicy(store, account, arn);
  if (!p || !p.attachable) throw noSuchPolicy(arn);
  return p;
}

export default defineOperation<Input>({
  name: 'AttachRolePolicy',
  authz: (input, ctx) =>
    roleCheck(ctx, 'AttachRolePolicy', input.RoleName, { 'iam:PolicyARN': input.PolicyArn }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const role = requireRole(store, account, input.RoleName);
    assertModifiable(role);
    const policy = requireAttachablePolicy(store, account, input.PolicyArn);
    if (policy.serviceRolePolicy && !role.serviceLinked) {
      throw policyNotAttachable('Cannot attach a Service Role Policy to a Customer Role.');
    }
    await mutateRole(store, account, input.RoleName, (r) => {
      if (r.attachedPolicyArns.includes(policy.arn)) return;
      const quota = iamQuotas().managedPoliciesPerEntity;
      if (r.attachedPolicyArns.length >= quota)
        throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${quota}`);
      r.attachedPolicyArns.push(policy.arn);
    });
    return {};
  },
});
