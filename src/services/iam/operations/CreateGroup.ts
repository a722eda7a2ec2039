// iam:CreateGroup — a new group (AGPA… id); names unique case-insensitively (the store arbitrates races).
import { ConflictError } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { uniqueId } from '../../ids.js';
import { limitExceeded } from '../errors.js';
import { KIND, type GroupRecord } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { describeGroup, groupArn, groupExists } from './GetGroup.js';

export default defineOperation<{ GroupName: string; Path?: string }>({
  name: 'CreateGroup',
  authz: (input, ctx) => ({
    action: 'iam:CreateGroup',
    resource: groupArn(ctx.caller.accountId, input.Path ?? '/', input.GroupName),
  }),
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    const max = iamQuotas().groupsPerAccount;
    if (store.list(KIND.group, account).length >= max) {
      throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${max}`);
    }
    const path = input.Path ?? '/';
    const group: GroupRecord = {
      groupName: input.GroupName,
      groupId: uniqueId('AGPA'),
      arn: groupArn(account, path, input.GroupName),
      path,
      createDate: ctx.now.toISOString(),
      attachedPolicyArns: [],
      inlinePolicies: {},
    };
    try {
      await store.put(
        { kind: KIND.group, account, id: group.groupId, name: group.groupName, data: group },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError && e.field === 'name') throw groupExists(input.GroupName);
      throw e;
    }
    return { Group: describeGroup(group) };
  },
});
