// iam:DeleteGroup — only an empty group without policies (DeleteConflict otherwise, AWS's messages).
import { VersionConflictError } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { concurrentModification, deleteConflict, noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { groupCheck, groupMembers } from './GetGroup.js';

export default defineOperation<{ GroupName: string }>({
  name: 'DeleteGroup',
  authz: (input, ctx) => groupCheck(ctx, 'iam:DeleteGroup', input.GroupName),
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    for (let attempt = 0; attempt < 64; attempt++) {
      const rec = store.getByName<GroupRecord>(KIND.group, account, input.GroupName);
      if (!rec) throw noSuchGroup(input.GroupName);
      const g = rec.data;
      if (groupMembers(store, account, g.groupName).length > 0) {
        throw deleteConflict('Cannot delete entity, must remove users from group first.');
      }
      if (Object.keys(g.inlinePolicies).length > 0)
        throw deleteConflict('Cannot delete entity, must delete policies first.');
      if (g.attachedPolicyArns.length > 0)
        throw deleteConflict('Cannot delete entity, must detach all policies first.');
      try {
        // Conditional: AddUserToGroup bumps the group's version, so a member added meanwhile is seen.
        await store.delete(KIND.group, account, rec.id, { expectVersion: rec.version });
        return {};
      } catch (e) {
        if (e instanceof VersionConflictError) continue;
        throw e;
      }
    }
    throw concurrentModification('Concurrent modification of the entity; retry the request.');
  },
});
