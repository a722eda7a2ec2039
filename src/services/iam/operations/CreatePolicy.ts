// CreatePolicy: a customer managed policy, version v1 as its default. Names are unique per account
// (whatever the path); the document must be a managed-policy document (Version 2012-10-17) of at most
// 6,144 characters, whitespace not counted.
import { ConflictError } from '../../../store/errors.js';
import { uniqueId } from '../../ids.js';
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, limitExceeded } from '../errors.js';
import { customerPolicyArn, fromRecord, NO_USAGE, policyShape } from '../managed-policies.js';
import { KIND, type ManagedPolicyRecord, type Tag } from '../model.js';
import { checkPolicyDocument } from '../policy-doc.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';

interface Input {
  PolicyName: string;
  Path?: string;
  PolicyDocument: string;
  Description?: string;
  Tags?: Tag[];
}

const alreadyExists = (name: string) =>
  entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);

export default defineOperation<Input>({
  name: 'CreatePolicy',
  authz: (input, ctx) => ({
    action: 'iam:CreatePolicy',
    resource: customerPolicyArn(ctx.caller.accountId, input.Path ?? '/', input.PolicyName),
    context: requestTagContext(input.Tags),
  }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const quotas = iamQuotas();
    validateTags(input.Tags);
    if ((input.Tags?.length ?? 0) > quotas.tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    checkPolicyDocument(input.PolicyDocument, {
      kind: 'identity',
      maxChars: quotas.managedPolicyChars,
      quotaName: 'PolicySize',
      managed: true,
    });
    if (store.getByName(KIND.policy, account, input.PolicyName)) throw alreadyExists(input.PolicyName);
    if (store.list(KIND.policy, account).length >= quotas.customerManagedPoliciesPerAccount) {
      throw limitExceeded(
        `Cannot exceed quota for PoliciesPerAccount: ${quotas.customerManagedPoliciesPerAccount}`,
      );
    }
    const path = input.Path ?? '/';
    const now = ctx.now.toISOString();
    const rec: ManagedPolicyRecord = {
      policyName: input.PolicyName,
      policyId: uniqueId('ANPA'),
      arn: customerPolicyArn(account, path, input.PolicyName),
      path,
      description: input.Description,
      createDate: now,
      updateDate: now,
      defaultVersionId: 'v1',
      versions: [
        { versionId: 'v1', document: input.PolicyDocument, isDefaultVersion: true, createDate: now },
      ],
      nextVersion: 2,
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    if (rec.description === undefined) delete rec.description;
    let stored;
    try {
      stored = await store.put(
        { kind: KIND.policy, account, id: rec.policyId, name: rec.policyName, data: rec },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError) throw alreadyExists(input.PolicyName);
      throw e;
    }
    return { Policy: policyShape(fromRecord(stored), NO_USAGE, { detail: true }) };
  },
});
