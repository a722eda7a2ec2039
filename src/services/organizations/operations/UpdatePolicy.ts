// organizations:UpdatePolicy — name, description and/or content of a customer policy; enforcement
// sees the new content on the next request (the enforcement cache follows the generation).
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, putOp } from '../mutate.js';
import { duplicatePolicy, immutablePolicy } from '../errors.js';
import {
  describePolicy,
  listPolicies,
  policyArn,
  requirePolicy,
  validatePolicyContent,
} from '../policies.js';
import { STATE_KIND, type OrgPolicyRecord } from '../state.js';

export default defineOperation<{ PolicyId: string; Name?: string; Description?: string; Content?: string }>({
  name: 'UpdatePolicy',
  authz: (input, ctx) => checks(ctx, 'UpdatePolicy', input.PolicyId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const rec = await commit(store, org, () => {
      const p = requirePolicy(store, org, input.PolicyId);
      if (p.awsManaged) throw immutablePolicy();
      if (input.Content !== undefined) validatePolicyContent(input.Content, p.record.type);
      const name = input.Name ?? p.record.name;
      if (
        listPolicies(store, org, p.record.type).some(
          (q) => q.record.id !== p.record.id && q.record.name === name,
        )
      ) {
        throw duplicatePolicy();
      }
      const r: OrgPolicyRecord = {
        ...p.record,
        name,
        description: input.Description ?? p.record.description,
        content: input.Content ?? p.record.content,
      };
      return { ops: [putOp(org, STATE_KIND.policy, r.id, r)], result: r };
    });
    return { Policy: describePolicy({ record: rec, awsManaged: false, arn: policyArn(org, rec, false) }) };
  },
});
