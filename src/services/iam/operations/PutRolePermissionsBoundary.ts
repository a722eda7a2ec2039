// iam:PutRolePermissionsBoundary — sets (or replaces) the role's boundary: an existing managed policy.
import { defineOperation } from '../../types.js';
import { policyNotAttachable } from '../errors.js';
import { findManagedPolicy } from '../managed-policies.js';
import { checkBoundary } from './CreateRole.js';
import { assertModifiable, mutateRole, requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PermissionsBoundary: string;
}

export default defineOperation<Input>({
  name: 'PutRolePermissionsBoundary',
  authz: (input, ctx) =>
    roleCheck(ctx, 'PutRolePermissionsBoundary', input.RoleName, {
      'iam:PermissionsBoundary': input.PermissionsBoundary,
    }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    assertModifiable(requireRole(store, account, input.RoleName));
    checkBoundary(store, account, input.PermissionsBoundary);
    if (findManagedPolicy(store, account, input.PermissionsBoundary)?.serviceRolePolicy) {
      throw policyNotAttachable('Cannot attach a Service Role Policy to a Customer Role.');
    }
    await mutateRole(store, account, input.RoleName, (role) => {
      role.permissionsBoundaryArn = input.PermissionsBoundary;
    });
    return {};
  },
});
