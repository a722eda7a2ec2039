// SetDefaultPolicyVersion: the version whose document applies wherever the policy is attached.
// UpdateDate stays: IAM defines it as the creation date of the newest version.
import { defineOperation } from '../../types.js';
import { updateCustomerPolicy } from '../managed-policies.js';
import { noSuchVersion } from './GetPolicyVersion.js';

interface Input {
  PolicyArn: string;
  VersionId: string;
}

export default defineOperation<Input>({
  name: 'SetDefaultPolicyVersion',
  authz: (input) => ({ action: 'iam:SetDefaultPolicyVersion', resource: input.PolicyArn }),
  async handler(ctx, input) {
    await updateCustomerPolicy(ctx, input.PolicyArn, 'SetDefaultPolicyVersion', (p) => {
      if (!p.versions.some((v) => v.versionId === input.VersionId))
        throw noSuchVersion(p.arn, input.VersionId);
      for (const v of p.versions) v.isDefaultVersion = v.versionId === input.VersionId;
      p.defaultVersionId = input.VersionId;
    });
    return {};
  },
});
