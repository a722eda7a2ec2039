// iam:DeleteServiceLinkedRole — AWS deletes asynchronously and reports through a deletion task; here
// the deletion happens at once (no resource of another service can still use the role) and the task
// is recorded as SUCCEEDED for GetServiceLinkedRoleDeletionStatus.
import { randomUUID } from 'node:crypto';
import { defineOperation } from '../../types.js';
import { invalidInput } from '../errors.js';
import { deleteRoleChecked, profilesOfRole } from './DeleteRole.js';
import { deleteConflict } from '../errors.js';
import { roleCheck } from './GetRole.js';

export const SLR_DELETION_TASK_KIND = 'iam.serviceLinkedRoleDeletionTask';

export interface DeletionTaskRecord {
  id: string;
  roleArn: string;
  status: 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED';
  createDate: string;
}

interface Input {
  RoleName: string;
}

export default defineOperation<Input>({
  name: 'DeleteServiceLinkedRole',
  authz: (input, ctx) => roleCheck(ctx, 'DeleteServiceLinkedRole', input.RoleName),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const role = await deleteRoleChecked(store, account, input.RoleName, (r) => {
      if (!r.serviceLinked) throw invalidInput(`Role ${r.roleName} is not a service-linked role.`);
      if (profilesOfRole(store, account, r.roleName).length > 0) {
        throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
      }
    });
    // e.g. task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/<uuid>
    const id = `task${role.path}${role.roleName}/${randomUUID()}`;
    const task: DeletionTaskRecord = {
      id,
      roleArn: role.arn,
      status: 'SUCCEEDED',
      createDate: ctx.now.toISOString(),
    };
    await store.put({ kind: SLR_DELETION_TASK_KIND, account, id, data: task });
    return { DeletionTaskId: id };
  },
});
