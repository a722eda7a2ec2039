// CreatePolicyVersion: at most 5 versions (the quota); SetAsDefault makes the new one the default.
// Version ids are never reused (v1, v2, … as IAM hands them out).
import { defineOperation } from '../../types.js';
import { limitExceeded } from '../errors.js';
import { updateCustomerPolicy } from '../managed-policies.js';
import { checkPolicyDocument } from '../policy-doc.js';
import { iamQuotas } from '../quotas.js';

interface Input {
  PolicyArn: string;
  PolicyDocument: string;
  SetAsDefault?: boolean;
}

export default defineOperation<Input>({
  name: 'CreatePolicyVersion',
  authz: (input) => ({ action: 'iam:CreatePolicyVersion', resource: input.PolicyArn }),
  async handler(ctx, input) {
    const quotas = iamQuotas();
    let versionId = '';
    const now = ctx.now.toISOString();
    await updateCustomerPolicy(ctx, input.PolicyArn, 'CreatePolicyVersion', (p) => {
      if (p.versions.length >= quotas.policyVersions) {
        throw limitExceeded(
          `A managed policy can have up to ${quotas.policyVersions} versions. Before you create a new version, you must delete an existing version.`,
        );
      }
      checkPolicyDocument(input.PolicyDocument, {
        kind: 'identity',
        maxChars: quotas.managedPolicyChars,
        quotaName: 'PolicySize',
        managed: true,
      });
      versionId = `v${p.nextVersion}`;
      p.nextVersion++;
      const isDefault = input.SetAsDefault === true;
      if (isDefault) {
        for (const v of p.versions) v.isDefaultVersion = false;
        p.defaultVersionId = versionId;
      }
      p.versions.push({
        versionId,
        document: input.PolicyDocument,
        isDefaultVersion: isDefault,
        createDate: now,
      });
      p.updateDate = now;
    });
    return {
      PolicyVersion: {
        VersionId: versionId,
        IsDefaultVersion: input.SetAsDefault === true,
        CreateDate: new Date(now),
      },
    };
  },
});
