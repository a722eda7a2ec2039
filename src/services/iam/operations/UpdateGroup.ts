// iam:UpdateGroup — renames and/or moves a group. Members keep their membership: the users' records
// that name the group are rewritten in the same atomic batch. Authorized on the old and the new ARN.
import type { BatchOp } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { noSuchGroup } from '../errors.js';
import { KIND, type GroupRecord, type UserRecord } from '../model.js';
import { groupArn, groupCheck, groupExists } from './GetGroup.js';
import { mutateRecord } from './UpdateUser.js';

interface Input {
  GroupName: string;
  NewPath?: string;
  NewGroupName?: string;
}

export default defineOperation<Input>({
  name: 'UpdateGroup',
  authz: (input, ctx) => {
    const checks = [groupCheck(ctx, 'iam:UpdateGroup', input.GroupName)];
    if (input.NewGroupName !== undefined || input.NewPath !== undefined) {
      const cur = checks[0]!.resource;
      const path = input.NewPath ?? /:group(\/.*\/|\/)[^/]*$/.exec(cur)?.[1] ?? '/';
      const target = groupArn(ctx.caller.accountId, path, input.NewGroupName ?? input.GroupName);
      if (target !== cur) checks.push({ action: 'iam:UpdateGroup', resource: target });
    }
    return checks;
  },
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    await mutateRecord<GroupRecord, undefined>(
      ctx,
      KIND.group,
      input.GroupName,
      () => noSuchGroup(input.GroupName),
      (g) => {
        const oldName = g.groupName;
        const oldLower = oldName.toLowerCase();
        const newName = input.NewGroupName ?? g.groupName;
        const newPath = input.NewPath ?? g.path;
        if (newName === g.groupName && newPath === g.path) return { write: false, result: undefined };
        g.groupName = newName;
        g.path = newPath;
        g.arn = groupArn(account, newPath, newName);
        const ops: BatchOp[] = [];
        if (newName !== oldName) {
          for (const r of store.list<UserRecord>(KIND.user, account)) {
            if (!r.data.groups.some((x) => x.toLowerCase() === oldLower)) continue;
            const groups = r.data.groups.map((x) => (x.toLowerCase() === oldLower ? newName : x));
            ops.push({
              op: 'put',
              rec: { kind: KIND.user, account, id: r.id, name: r.name, data: { ...r.data, groups } },
              opts: { expectVersion: r.version },
            });
          }
        }
        return { data: g, name: newName, ops, result: undefined };
      },
      groupExists,
    );
    return {};
  },
});
