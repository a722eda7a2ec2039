// iam:AddUserToGroup — idempotent; at most 10 groups per user (GroupsPerUser). The group's record is
// part of the write (version-checked), so a concurrent DeleteGroup cannot leave a dangling membership.
import { defineOperation } from '../../types.js';
import { limitExceeded, noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { groupCheck, requireGroup } from './GetGroup.js';
import { mutateUser, unchangedOp } from './UpdateUser.js';

export default defineOperation<{ GroupName: string; UserName: string }>({
  name: 'AddUserToGroup',
  authz: (input, ctx) => groupCheck(ctx, 'iam:AddUserToGroup', input.GroupName),
  async handler(ctx, input) {
    requireGroup(ctx, input.GroupName);
    await mutateUser(ctx, input.UserName, (u) => {
      const g = ctx.env.store.getByName<GroupRecord>(KIND.group, ctx.caller.accountId, input.GroupName);
      if (!g) throw noSuchGroup(input.GroupName);
      const lower = g.data.groupName.toLowerCase();
      if (u.groups.some((x) => x.toLowerCase() === lower)) return { write: false, result: undefined };
      const max = iamQuotas().groupsPerUser;
      if (u.groups.length >= max) throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${max}`);
      u.groups.push(g.data.groupName);
      return { data: u, ops: [unchangedOp(g)], result: undefined };
    });
    return {};
  },
});
