// iam:GetGroup — a group and its users (paged over the users). Also home to the group helpers the
// identity operations share. Membership is kept on the users (UserRecord.groups), so a group's members
// are the users that name it.
import type { Store } from '../../../store/index.js';
import { defineOperation, type AuthzCheck, type OperationContext } from '../../types.js';
import { entityAlreadyExists, noSuchGroup } from '../errors.js';
import { getGroupByName, KIND, type GroupRecord, type UserRecord } from '../model.js';
import { iamPage } from '../paging.js';
import { describeUser } from './GetUser.js';

export function groupArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:group${path}${name}`;
}

export function describeGroup(g: GroupRecord) {
  return {
    Path: g.path,
    GroupName: g.groupName,
    GroupId: g.groupId,
    Arn: g.arn,
    CreateDate: new Date(g.createDate),
  };
}

export function requireGroup(ctx: OperationContext, name: string): GroupRecord {
  const g = getGroupByName(ctx.env.store, ctx.caller.accountId, name);
  if (!g) throw noSuchGroup(name);
  return g;
}

export function groupCheck(
  ctx: OperationContext,
  action: string,
  name: string,
  extra?: AuthzCheck['context'],
): AuthzCheck {
  const g = getGroupByName(ctx.env.store, ctx.caller.accountId, name);
  return { action, resource: g ? g.arn : groupArn(ctx.caller.accountId, '/', name), context: extra };
}

/** The users in a group, by name. */
export function groupMembers(store: Store, account: string, groupName: string): UserRecord[] {
  const lower = groupName.toLowerCase();
  return store
    .list<UserRecord>(KIND.user, account)
    .map((r) => r.data)
    .filter((u) => u.groups.some((g) => g.toLowerCase() === lower));
}

export const groupExists = (name: string) => entityAlreadyExists(`Group with name ${name} already exists.`);

export default defineOperation<{ GroupName: string; Marker?: string; MaxItems?: number }>({
  name: 'GetGroup',
  readOnly: true,
  authz: (input, ctx) => groupCheck(ctx, 'iam:GetGroup', input.GroupName),
  handler(ctx, input) {
    const g = requireGroup(ctx, input.GroupName);
    const page = iamPage(
      groupMembers(ctx.env.store, ctx.caller.accountId, g.groupName),
      input.Marker,
      input.MaxItems,
    );
    return {
      Group: describeGroup(g),
      Users: page.items.map((u) => describeUser(u, true)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
