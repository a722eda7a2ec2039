// iam:CreateRole — trust policy validated by the engine's parser (kind "trust", 2,048 characters) with
// its principals required to exist; names unique case-insensitively (the store enforces it, so of
// concurrent creates of one name exactly one succeeds); quota RolesPerAccount.
import { ConflictError } from '../../../store/errors.js';
import * as ids from '../../ids.js';
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, limitExceeded, noSuchEntity } from '../errors.js';
import { findManagedPolicy } from '../managed-policies.js';
import { KIND, getRoleByName, putRole, roleArn, type RoleRecord, type Tag } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';
import { checkTrustPolicy } from '../trust.js';
import { roleOutput } from './GetRole.js';
import type { Store } from '../../../store/index.js';

interface Input {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

export const roleExists = (name: string) => entityAlreadyExists(`Role with name ${name} already exists.`);

/** A permissions boundary must be an existing managed policy (IAM's wording). */
export function checkBoundary(store: Store, account: string, arn: string): void {
  const p = findManagedPolicy(store, account, arn);
  if (!p || !p.attachable) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
}

export default defineOperation<Input>({
  name: 'CreateRole',
  authz: (input, ctx) => ({
    action: 'iam:CreateRole',
    resource: roleArn(ctx.caller.accountId, input.Path ?? '/', input.RoleName),
    context: {
      'iam:PermissionsBoundary': input.PermissionsBoundary,
      ...requestTagContext(input.Tags),
    },
  }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    if (getRoleByName(store, account, input.RoleName)) throw roleExists(input.RoleName);
    validateTags(input.Tags);
    if (input.Tags && input.Tags.length > iamQuotas().tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    checkTrustPolicy(store, input.AssumeRolePolicyDocument);
    if (input.PermissionsBoundary) checkBoundary(store, account, input.PermissionsBoundary);
    const quota = iamQuotas().rolesPerAccount;
    if (store.list(KIND.role, account).length >= quota) {
      throw limitExceeded(`Cannot exceed quota for RolesPerAccount: ${quota}`);
    }
    const path = input.Path ?? '/';
    const role: RoleRecord = {
      roleName: input.RoleName,
      roleId: ids.uniqueId('AROA'),
      arn: roleArn(account, path, input.RoleName),
      path,
      createDate: ctx.now.toISOString(),
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      maxSessionDuration: input.MaxSessionDuration ?? 3600,
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
      attachedPolicyArns: [],
      inlinePolicies: {},
    };
    if (input.Description !== undefined) role.description = input.Description;
    if (input.PermissionsBoundary) role.permissionsBoundaryArn = input.PermissionsBoundary;
    try {
      await putRole(store, account, role, true);
    } catch (e) {
      if (e instanceof ConflictError) throw roleExists(input.RoleName);
      throw e;
    }
    return { Role: roleOutput(role, 'create') };
  },
});
