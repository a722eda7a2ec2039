// iam:CreateInstanceProfile — names unique case-insensitively (the store enforces it); quota
// InstanceProfilesPerAccount.
import { ConflictError } from '../../../store/errors.js';
import * as ids from '../../ids.js';
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, limitExceeded } from '../errors.js';
import { KIND, type InstanceProfileRecord, type Tag } from '../model.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';
import { getInstanceProfile, instanceProfileArn, instanceProfileOutput } from './GetInstanceProfile.js';

interface Input {
  InstanceProfileName: string;
  Path?: string;
  Tags?: Tag[];
}

const exists = (name: string) => entityAlreadyExists(`Instance Profile ${name} already exists.`);

export default defineOperation<Input>({
  name: 'CreateInstanceProfile',
  authz: (input, ctx) => ({
    action: 'iam:CreateInstanceProfile',
    resource: instanceProfileArn(ctx.caller.accountId, input.Path ?? '/', input.InstanceProfileName),
    context: requestTagContext(input.Tags),
  }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    if (getInstanceProfile(store, account, input.InstanceProfileName))
      throw exists(input.InstanceProfileName);
    validateTags(input.Tags);
    if (input.Tags && input.Tags.length > iamQuotas().tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    const quota = iamQuotas().instanceProfilesPerAccount;
    if (store.list(KIND.instanceProfile, account).length >= quota) {
      throw limitExceeded(`Cannot exceed quota for InstanceProfilesPerAccount: ${quota}`);
    }
    const path = input.Path ?? '/';
    const p: InstanceProfileRecord = {
      instanceProfileName: input.InstanceProfileName,
      instanceProfileId: ids.uniqueId('AIPA'),
      arn: instanceProfileArn(account, path, input.InstanceProfileName),
      path,
      createDate: ctx.now.toISOString(),
      roles: [],
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    try {
      await store.put(
        {
          kind: KIND.instanceProfile,
          account,
          id: p.instanceProfileId,
          name: p.instanceProfileName,
          data: p,
        },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError) throw exists(input.InstanceProfileName);
      throw e;
    }
    return { InstanceProfile: instanceProfileOutput(store, account, p, true) };
  },
});
