// iam:PutUserPermissionsBoundary — sets (or replaces) the managed policy that bounds a user's
// permissions. The policy must exist: customer managed in this account, or AWS managed.
import { defineOperation, type OperationContext } from '../../types.js';
import { invalidInput, noSuchEntity, policyNotAttachable } from '../errors.js';
import { findManagedPolicy } from '../managed-policies.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

/** Resolves a boundary ARN as IAM does (users and roles alike); returns the canonical ARN. */
export function requireBoundaryPolicy(ctx: OperationContext, arn: string): string {
  if (!/^arn:[^:]+:iam::[^:]*:/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  const p = findManagedPolicy(ctx.env.store, ctx.caller.accountId, arn);
  if (!p) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
  if (p.serviceRolePolicy || !p.attachable) throw policyNotAttachable(`Scope ARN: ${arn} is not attachable.`);
  return p.arn;
}

export default defineOperation<{ UserName: string; PermissionsBoundary: string }>({
  name: 'PutUserPermissionsBoundary',
  authz: (input, ctx) =>
    userCheck(ctx, 'iam:PutUserPermissionsBoundary', input.UserName, {
      'iam:PermissionsBoundary': input.PermissionsBoundary,
    }),
  async handler(ctx, input) {
    const arn = requireBoundaryPolicy(ctx, input.PermissionsBoundary);
    await mutateUser(ctx, input.UserName, (u) => {
      if (u.permissionsBoundaryArn === arn) return { write: false, result: undefined };
      u.permissionsBoundaryArn = arn;
      return { data: u, result: undefined };
    });
    return {};
  },
});
