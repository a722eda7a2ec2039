// iam:DeleteRole — refused (DeleteConflict, AWS's messages) while the role is in an instance profile
// or has attached or inline policies. Trust policies naming the role then show its unique id.
import type { Store } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { VersionConflictError } from '../../../store/errors.js';
import { deleteConflict, noSuchRole } from '../errors.js';
import { KIND, type InstanceProfileRecord, type RoleRecord } from '../model.js';
import { rewriteDeletedPrincipal } from '../trust.js';
import { assertModifiable, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
}

/** The instance profiles a role is in. */
export function profilesOfRole(store: Store, account: string, roleName: string): InstanceProfileRecord[] {
  const lower = roleName.toLowerCase();
  return store
    .list<InstanceProfileRecord>(KIND.instanceProfile, account)
    .map((r) => r.data)
    .filter((p) => p.roles.some((n) => n.toLowerCase() === lower));
}

/** DeleteConflict if the role still has what AWS requires removed first. */
export function assertDeletable(store: Store, account: string, role: RoleRecord): void {
  if (profilesOfRole(store, account, role.roleName).length > 0) {
    throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  }
  if (role.attachedPolicyArns.length > 0) {
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  }
  if (Object.keys(role.inlinePolicies).length > 0) {
    throw deleteConflict('Cannot delete entity, must delete policies first.');
  }
}

/**
 * Deletes a role after `check` passes on its current version (a concurrent change makes it re-check),
 * then rewrites the trust policies that named it.
 */
export async function deleteRoleChecked(
  store: Store,
  account: string,
  roleName: string,
  check: (role: RoleRecord) => void,
): Promise<RoleRecord> {
  for (let attempt = 0; ; attempt++) {
    const rec = store.getByName<RoleRecord>(KIND.role, account, roleName);
    if (!rec) throw noSuchRole(roleName);
    check(rec.data);
    try {
      await store.delete(KIND.role, account, rec.id, { expectVersion: rec.version });
    } catch (e) {
      if (e instanceof VersionConflictError && attempt < 20) continue;
      throw e;
    }
    await rewriteDeletedPrincipal(store, account, rec.data.arn, rec.data.roleId);
    return rec.data;
  }
}

export default defineOperation<Input>({
  name: 'DeleteRole',
  authz: (input, ctx) => roleCheck(ctx, 'DeleteRole', input.RoleName),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    await deleteRoleChecked(store, account, input.RoleName, (role) => {
      assertModifiable(role);
      assertDeletable(store, account, role);
    });
    return {};
  },
});
