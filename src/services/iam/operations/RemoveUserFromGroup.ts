// iam:RemoveUserFromGroup — the group and the user must exist, and the user be a member.
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { groupCheck, requireGroup } from './GetGroup.js';
import { mutateUser } from './UpdateUser.js';

export default defineOperation<{ GroupName: string; UserName: string }>({
  name: 'RemoveUserFromGroup',
  authz: (input, ctx) => groupCheck(ctx, 'iam:RemoveUserFromGroup', input.GroupName),
  async handler(ctx, input) {
    const g = requireGroup(ctx, input.GroupName);
    const lower = g.groupName.toLowerCase();
    await mutateUser(ctx, input.UserName, (u) => {
      const groups = u.groups.filter((x) => x.toLowerCase() !== lower);
      if (groups.length === u.groups.length) {
        throw noSuchEntity(`User ${u.userName} is not in group ${g.groupName}.`);
      }
      u.groups = groups;
      return { data: u, result: undefined };
    });
    return {};
  },
});
