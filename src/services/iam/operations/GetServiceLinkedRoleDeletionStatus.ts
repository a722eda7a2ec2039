// iam:GetServiceLinkedRoleDeletionStatus — the status of a DeleteServiceLinkedRole task.
import { defineOperation } from '../../types.js';
import { invalidInput, noSuchEntity } from '../errors.js';
import { SLR_DELETION_TASK_KIND, type DeletionTaskRecord } from './DeleteServiceLinkedRole.js';

interface Input {
  DeletionTaskId: string;
}

const TASK_RE = /^task\/aws-service-role\/[^/]+\/[^/]+\/[^/]+$/;

export default defineOperation<Input>({
  name: 'GetServiceLinkedRoleDeletionStatus',
  readOnly: true,
  authz: (input, ctx) => {
    // The task names the role: task/aws-service-role/<service>/<role>/<uuid>.
    const m = /^task(\/aws-service-role\/[^/]+\/)([^/]+)\//.exec(input.DeletionTaskId);
    return {
      action: 'iam:GetServiceLinkedRoleDeletionStatus',
      resource: m ? `arn:aws:iam::${ctx.caller.accountId}:role${m[1]}${m[2]}` : '*',
    };
  },
  handler(ctx, input) {
    if (!TASK_RE.test(input.DeletionTaskId)) {
      throw invalidInput(`Invalid deletion task id: ${input.DeletionTaskId}`);
    }
    const task = ctx.env.store.get<DeletionTaskRecord>(
      SLR_DELETION_TASK_KIND,
      ctx.caller.accountId,
      input.DeletionTaskId,
    )?.data;
    if (!task) throw noSuchEntity(`Deletion task ${input.DeletionTaskId} cannot be found.`);
    return { Status: task.status };
  },
});
