// GetPolicyVersion: one version with its document (URL-encoded, as IAM returns documents).
import { defineOperation } from '../../types.js';
import { noSuchEntity } from '../errors.js';
import { awsManagedPolicyVersions, requireManagedPolicy } from '../managed-policies.js';
import { encodeDocument } from '../policy-doc.js';

interface Input {
  PolicyArn: string;
  VersionId: string;
}

export const noSuchVersion = (arn: string, versionId: string) =>
  noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);

export default defineOperation<Input>({
  name: 'GetPolicyVersion',
  readOnly: true,
  authz: (input) => ({ action: 'iam:GetPolicyVersion', resource: input.PolicyArn }),
  handler(ctx, input) {
    const p = requireManagedPolicy(ctx, input.PolicyArn);
    if (p.record) {
      const v = p.record.data.versions.find((x) => x.versionId === input.VersionId);
      if (!v) throw noSuchVersion(p.arn, input.VersionId);
      return {
        PolicyVersion: {
          Document: encodeDocument(v.document),
          VersionId: v.versionId,
          IsDefaultVersion: v.isDefaultVersion,
          CreateDate: new Date(v.createDate),
        },
      };
    }
    const v = awsManagedPolicyVersions(p.arn)?.find((x) => x.versionId === input.VersionId);
    if (!v) throw noSuchVersion(p.arn, input.VersionId);
    return {
      PolicyVersion: {
        Document: encodeDocument(v.document()),
        VersionId: v.versionId,
        IsDefaultVersion: v.isDefaultVersion,
        CreateDate: new Date(v.createDate),
      },
    };
  },
});
