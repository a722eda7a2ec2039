// iam:UpdateAccessKey — activates or deactivates a key of the named (or calling) user.
import type { EntityRecord } from '../../../store/index.js';
import type { AccessKeyRecord } from '../../accounts/access-keys.js';
import { defineOperation, type OperationContext } from '../../types.js';
import { invalidInput, noSuchEntity } from '../errors.js';
import { requireUser, targetResource, targetUserName } from './GetUser.js';
import { userKeyRecords } from './ListAccessKeys.js';

export const noSuchAccessKey = (id: string) => noSuchEntity(`The Access Key with id ${id} cannot be found.`);

/** The key's record, if it belongs to the target user (the caller, or root itself, without UserName). */
export function requireUserKey(
  ctx: OperationContext,
  userName: string | undefined,
  keyId: string,
): EntityRecord<AccessKeyRecord> {
  let name = targetUserName(ctx, userName);
  if (name !== undefined) name = requireUser(ctx, name).userName;
  const rec = userKeyRecords(ctx.env.store, ctx.caller.accountId, name).find((r) => r.id === keyId);
  if (!rec) throw noSuchAccessKey(keyId);
  return rec;
}

export default defineOperation<{
  UserName?: string;
  AccessKeyId: string;
  Status: 'Active' | 'Inactive' | 'Expired';
}>({
  name: 'UpdateAccessKey',
  authz: (input, ctx) => ({ action: 'iam:UpdateAccessKey', resource: targetResource(ctx, input.UserName) }),
  async handler(ctx, input) {
    if (input.Status === 'Expired')
      throw invalidInput('Invalid status: Expired. Status must be Active or Inactive.');
    const rec = requireUserKey(ctx, input.UserName, input.AccessKeyId);
    if (rec.data.status !== input.Status) {
      await ctx.env.store.put(
        { kind: rec.kind, account: rec.account, id: rec.id, data: { ...rec.data, status: input.Status } },
        { expectVersion: rec.version },
      );
    }
    return {};
  },
});
