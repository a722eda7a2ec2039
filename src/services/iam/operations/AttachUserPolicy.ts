// iam:AttachUserPolicy — attaches a managed policy (customer managed in this account, or AWS managed)
// to a user; idempotent; at most 10 per user. Also home to the attach/detach helpers shared with groups.
import type { BatchOp } from '../../../store/index.js';
import { defineOperation, type OperationContext } from '../../types.js';
import { invalidInput, limitExceeded, noSuchEntity, noSuchPolicy, policyNotAttachable } from '../errors.js';
import { findManagedPolicy } from '../managed-policies.js';
import { iamQuotas } from '../quotas.js';
import { userCheck } from './GetUser.js';
import { mutateUser, unchangedOp } from './UpdateUser.js';

export interface Attachment {
  /** The new list, or undefined when the policy was already attached. */
  arns: string[] | undefined;
  /** Version-checks a customer managed policy, so a concurrent DeletePolicy sees the attachment. */
  ops: BatchOp[];
}

export function checkArn(arn: string): void {
  if (!/^arn:[^:]+:iam::[^:]*:policy\//.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
}

/** Attaches `arn` to an identity's list, with IAM's checks; `quotaName` e.g. "PoliciesPerUser". */
export function attachTo(
  ctx: OperationContext,
  existing: readonly string[],
  arn: string,
  quotaName: string,
): Attachment {
  checkArn(arn);
  const p = findManagedPolicy(ctx.env.store, ctx.caller.accountId, arn);
  if (!p || !p.attachable) throw noSuchPolicy(arn);
  if (p.serviceRolePolicy)
    throw policyNotAttachable('Cannot attach a Service Role Policy to a Customer Role.');
  const ops = p.record ? [unchangedOp(p.record)] : [];
  if (existing.includes(p.arn)) return { arns: undefined, ops };
  const max = iamQuotas().managedPoliciesPerEntity;
  if (existing.length >= max) throw limitExceeded(`Cannot exceed quota for ${quotaName}: ${max}`);
  return { arns: [...existing, p.arn], ops };
}

/** Detaches `arn`; NoSuchEntity when it is not attached. */
export function detachFrom(existing: readonly string[], arn: string): string[] {
  checkArn(arn);
  if (!existing.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  return existing.filter((a) => a !== arn);
}

export default defineOperation<{ UserName: string; PolicyArn: string }>({
  name: 'AttachUserPolicy',
  authz: (input, ctx) =>
    userCheck(ctx, 'iam:AttachUserPolicy', input.UserName, { 'iam:PolicyARN': input.PolicyArn }, true),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      const a = attachTo(ctx, u.attachedPolicyArns, input.PolicyArn, 'PoliciesPerUser');
      if (!a.arns) return { write: false, result: undefined };
      u.attachedPolicyArns = a.arns;
      return { data: u, ops: a.ops, result: undefined };
    });
    return {};
  },
});
