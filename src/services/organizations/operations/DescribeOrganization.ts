// organizations:DescribeOrganization — any account of the organization may call it.
import { defineOperation } from '../../types.js';
import { requireOrganization, type OrganizationRecord } from '../model.js';

export function describeOrganization(org: OrganizationRecord) {
  return {
    Id: org.id,
    Arn: org.arn,
    FeatureSet: org.featureSet,
    MasterAccountArn: `arn:aws:organizations::${org.masterAccountId}:account/${org.id}/${org.masterAccountId}`,
    MasterAccountId: org.masterAccountId,
    MasterAccountEmail: org.masterAccountEmail,
    // AWS lists the policy types available to the organization; enabled types are on the root (ListRoots).
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  };
}

export default defineOperation({
  name: 'DescribeOrganization',
  readOnly: true,
  authz: () => ({ action: 'organizations:DescribeOrganization', resource: '*' }),
  handler(ctx) {
    return { Organization: describeOrganization(requireOrganization(ctx.env.store, ctx.caller)) };
  },
});
