// iam:DeleteUser — only a user with nothing attached: IAM refuses (DeleteConflict) while the user has
// inline or attached policies, group memberships, access keys or MFA devices, with AWS's messages.
import { rewriteDeletedPrincipal } from '../trust.js';
import { VersionConflictError } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { concurrentModification, deleteConflict, noSuchUser } from '../errors.js';
import { KIND, type UserRecord } from '../model.js';
import { userMfaDevices } from '../mfa/devices.js';
import { userCheck } from './GetUser.js';
import { userKeyRecords } from './ListAccessKeys.js';

export default defineOperation<{ UserName: string }>({
  name: 'DeleteUser',
  authz: (input, ctx) => userCheck(ctx, 'iam:DeleteUser', input.UserName),
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    for (let attempt = 0; attempt < 64; attempt++) {
      const rec = store.getByName<UserRecord>(KIND.user, account, input.UserName);
      if (!rec) throw noSuchUser(input.UserName);
      const u = rec.data;
      if (Object.keys(u.inlinePolicies).length > 0)
        throw deleteConflict('Cannot delete entity, must delete policies first.');
      if (u.attachedPolicyArns.length > 0)
        throw deleteConflict('Cannot delete entity, must detach all policies first.');
      if (u.groups.length > 0)
        throw deleteConflict('Cannot delete entity, must remove users from group first.');
      if (userKeyRecords(store, account, u.userName).length > 0) {
        throw deleteConflict('Cannot delete entity, must delete access keys first.');
      }
      if (userMfaDevices(store, account, u.userId).length > 0) {
        throw deleteConflict('Cannot delete entity, must delete MFA device first.');
      }
      try {
        // Conditional on the version read: a key or membership added meanwhile bumped it.
        await store.delete(KIND.user, account, rec.id, { expectVersion: rec.version });
        // As in AWS, trust policies naming the deleted user now show its unique id.
        await rewriteDeletedPrincipal(store, account, u.arn, u.userId);
        return {};
      } catch (e) {
        if (e instanceof VersionConflictError) continue;
        throw e;
      }
    }
    throw concurrentModification('Concurrent modification of the entity; retry the request.');
  },
});
