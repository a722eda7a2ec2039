// organizations:CreatePolicy — SCPs and RCPs (the types rolechain enforces); the document is checked
// against the type's grammar and the 5,120-character quota; at most 1,000 policies per type.
import { defineOperation } from '../../types.js';
import * as ids from '../../ids.js';
import type { Tag } from '../../iam/model.js';
import { requireManagementAccount } from '../model.js';
import { commit, putOp } from '../mutate.js';
import { constraintViolation, duplicatePolicy, policyTypeNotAvailable } from '../errors.js';
import { describePolicy, listPolicies, policyArn, validatePolicyContent } from '../policies.js';
import { checkTags, copyTags } from '../tags.js';
import { ORG_POLICY_TYPES, QUOTAS, STATE_KIND, type OrgPolicyRecord, type OrgPolicyType } from '../state.js';

interface Input {
  Content: string;
  Description: string;
  Name: string;
  Type: string;
  Tags?: Tag[];
}

export default defineOperation<Input>({
  name: 'CreatePolicy',
  authz: () => ({ action: 'organizations:CreatePolicy', resource: '*' }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const type = input.Type as OrgPolicyType;
    if (!ORG_POLICY_TYPES.includes(type)) throw policyTypeNotAvailable();
    validatePolicyContent(input.Content, type);
    checkTags(input.Tags);
    const rec = await commit(store, org, () => {
      const existing = listPolicies(store, org, type);
      if (existing.some((p) => p.record.name === input.Name)) throw duplicatePolicy();
      if (existing.filter((p) => !p.awsManaged).length >= QUOTAS.policiesPerType) {
        throw constraintViolation('POLICY_NUMBER_LIMIT_EXCEEDED');
      }
      const r: OrgPolicyRecord = {
        id: ids.orgPolicyId(),
        name: input.Name,
        description: input.Description,
        type,
        content: input.Content,
        tags: copyTags(input.Tags),
      };
      return { ops: [putOp(org, STATE_KIND.policy, r.id, r)], result: r };
    });
    return { Policy: describePolicy({ record: rec, awsManaged: false, arn: policyArn(org, rec, false) }) };
  },
});
