// iam:ListAccessKeys — a user's access keys (metadata only: the secret is shown once, at creation).
// Without UserName: the calling user's, or the root user's own keys for root.
import type { EntityRecord, Store } from '../../../store/index.js';
import { ACCESS_KEY_KIND, type AccessKeyRecord } from '../../accounts/access-keys.js';
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { requireUser, targetResource, targetUserName } from './GetUser.js';

/**
 * The stored records of a user's keys (userName undefined: the root user's), oldest first, as IAM
 * lists them. Records, not data: writers need their scope and version.
 */
export function userKeyRecords(
  store: Store,
  account: string,
  userName: string | undefined,
): EntityRecord<AccessKeyRecord>[] {
  const lower = userName?.toLowerCase();
  return store
    .list<AccessKeyRecord>(ACCESS_KEY_KIND)
    .filter((r) => r.data.accountId === account && r.data.userName?.toLowerCase() === lower)
    .sort((a, b) => a.data.createDate.localeCompare(b.data.createDate) || a.id.localeCompare(b.id));
}

export function keyMetadata(k: AccessKeyRecord) {
  return {
    UserName: k.userName,
    AccessKeyId: k.accessKeyId,
    Status: k.status,
    CreateDate: new Date(k.createDate),
  };
}

interface Input {
  UserName?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListAccessKeys',
  readOnly: true,
  authz: (input, ctx) => ({ action: 'iam:ListAccessKeys', resource: targetResource(ctx, input.UserName) }),
  handler(ctx, input) {
    let name = targetUserName(ctx, input.UserName);
    if (name !== undefined) name = requireUser(ctx, name).userName;
    const keys = userKeyRecords(ctx.env.store, ctx.caller.accountId, name).map((r) => keyMetadata(r.data));
    const page = iamPage(keys, input.Marker, input.MaxItems);
    return { AccessKeyMetadata: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
