// iam:CreateAccessKey — a new AKIA key and its 40-character secret (returned this once; sealed at
// rest). Without UserName: for the calling user, or the root user's own key for root. At most 2 per
// user: the owner's record is version-checked in the same write, so concurrent creations cannot
// overshoot the quota.
import { VersionConflictError, type EntityRecord } from '../../../store/index.js';
import { ACCESS_KEY_KIND, ACCESS_KEY_SCOPE, type AccessKeyRecord } from '../../accounts/access-keys.js';
import { ACCOUNT_KIND } from '../../accounts/accounts.js';
import { defineOperation, type OperationContext } from '../../types.js';
import { accessKeyId, secretAccessKey } from '../../ids.js';
import { concurrentModification, limitExceeded, noSuchUser } from '../errors.js';
import { KIND, type UserRecord } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { targetResource, targetUserName } from './GetUser.js';
import { userKeyRecords } from './ListAccessKeys.js';
import { unchangedOp } from './UpdateUser.js';

/** The record that owns a key and is version-checked with it: the user, or the account for root keys. */
function ownerRecord(ctx: OperationContext, userName: string | undefined): EntityRecord | undefined {
  const account = ctx.caller.accountId;
  if (userName === undefined) return ctx.env.store.get(ACCOUNT_KIND, account, account);
  const rec = ctx.env.store.getByName<UserRecord>(KIND.user, account, userName);
  if (!rec) throw noSuchUser(userName);
  return rec;
}

export default defineOperation<{ UserName?: string }>({
  name: 'CreateAccessKey',
  authz: (input, ctx) => ({ action: 'iam:CreateAccessKey', resource: targetResource(ctx, input.UserName) }),
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    const target = targetUserName(ctx, input.UserName);
    for (let attempt = 0; attempt < 64; attempt++) {
      const owner = ownerRecord(ctx, target);
      const user = target === undefined ? undefined : (owner!.data as UserRecord);
      const max = iamQuotas().accessKeysPerUser;
      if (userKeyRecords(store, account, user?.userName).length >= max) {
        throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${max}`);
      }
      const secret = secretAccessKey();
      const rec: AccessKeyRecord = {
        accessKeyId: accessKeyId('AKIA'),
        accountId: account,
        userName: user?.userName,
        userId: user?.userId,
        secretSealed: ctx.env.secrets.seal(secret),
        status: 'Active',
        createDate: ctx.now.toISOString(),
      };
      try {
        await store.batch([
          ...(owner ? [unchangedOp(owner)] : []),
          {
            op: 'put',
            rec: { kind: ACCESS_KEY_KIND, account: ACCESS_KEY_SCOPE, id: rec.accessKeyId, data: rec },
            opts: { ifAbsent: true },
          },
        ]);
      } catch (e) {
        if (e instanceof VersionConflictError) continue;
        throw e;
      }
      return {
        AccessKey: {
          UserName: rec.userName,
          AccessKeyId: rec.accessKeyId,
          Status: rec.status,
          SecretAccessKey: secret,
          CreateDate: new Date(rec.createDate),
        },
      };
    }
    throw concurrentModification('Concurrent modification of the entity; retry the request.');
  },
});
