// iam:CreateUser — a new user (AIDA… id), optionally with a permissions boundary and tags. The name is
// unique case-insensitively; the store enforces it, so of concurrent creations of one name exactly one wins.
import { ConflictError } from '../../../store/index.js';
import { defineOperation } from '../../types.js';
import { uniqueId } from '../../ids.js';
import { limitExceeded } from '../errors.js';
import { KIND, userArn, type Tag, type UserRecord } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';
import { describeUser } from './GetUser.js';
import { userExists } from './UpdateUser.js';
import { requireBoundaryPolicy } from './PutUserPermissionsBoundary.js';

interface Input {
  UserName: string;
  Path?: string;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

export default defineOperation<Input>({
  name: 'CreateUser',
  authz: (input, ctx) => ({
    action: 'iam:CreateUser',
    resource: userArn(ctx.caller.accountId, input.Path ?? '/', input.UserName),
    context: { ...requestTagContext(input.Tags), 'iam:PermissionsBoundary': input.PermissionsBoundary },
  }),
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    validateTags(input.Tags);
    if (input.Tags && input.Tags.length > iamQuotas().tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    const boundary = input.PermissionsBoundary
      ? requireBoundaryPolicy(ctx, input.PermissionsBoundary)
      : undefined;
    const max = iamQuotas().usersPerAccount;
    if (store.list(KIND.user, account).length >= max) {
      throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${max}`);
    }
    const path = input.Path ?? '/';
    const user: UserRecord = {
      userName: input.UserName,
      userId: uniqueId('AIDA'),
      arn: userArn(account, path, input.UserName),
      path,
      createDate: ctx.now.toISOString(),
      permissionsBoundaryArn: boundary,
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
      attachedPolicyArns: [],
      inlinePolicies: {},
      groups: [],
    };
    try {
      await store.put(
        { kind: KIND.user, account, id: user.userId, name: user.userName, data: user },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError && e.field === 'name') throw userExists(input.UserName);
      throw e;
    }
    return { User: describeUser(user) };
  },
});
