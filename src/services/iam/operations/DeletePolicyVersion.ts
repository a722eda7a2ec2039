// DeletePolicyVersion: any version but the default one.
import { defineOperation } from '../../types.js';
import { deleteConflict } from '../errors.js';
import { updateCustomerPolicy } from '../managed-policies.js';
import { noSuchVersion } from './GetPolicyVersion.js';

interface Input {
  PolicyArn: string;
  VersionId: string;
}

export default defineOperation<Input>({
  name: 'DeletePolicyVersion',
  authz: (input) => ({ action: 'iam:DeletePolicyVersion', resource: input.PolicyArn }),
  async handler(ctx, input) {
    await updateCustomerPolicy(ctx, input.PolicyArn, 'DeletePolicyVersion', (p) => {
      const i = p.versions.findIndex((v) => v.versionId === input.VersionId);
      if (i === -1) throw noSuchVersion(p.arn, input.VersionId);
      if (p.versions[i]!.isDefaultVersion)
        throw deleteConflict('Cannot delete the default version of a policy.');
      p.versions.splice(i, 1);
    });
    return {};
  },
});
