// ListPolicyVersions: newest first, without documents (as IAM lists them), paged.
import { defineOperation } from '../../types.js';
import { awsManagedPolicyVersions, requireManagedPolicy } from '../managed-policies.js';
import { iamPage } from '../paging.js';

interface Input {
  PolicyArn: string;
  Marker?: string;
  MaxItems?: number;
}

const versionNumber = (id: string) => Number(/^v(\d+)/.exec(id)?.[1] ?? 0);

export default defineOperation<Input>({
  name: 'ListPolicyVersions',
  readOnly: true,
  authz: (input) => ({ action: 'iam:ListPolicyVersions', resource: input.PolicyArn }),
  handler(ctx, input) {
    const p = requireManagedPolicy(ctx, input.PolicyArn);
    const versions = p.record
      ? p.record.data.versions.map((v) => ({
          versionId: v.versionId,
          isDefault: v.isDefaultVersion,
          createDate: v.createDate,
        }))
      : (awsManagedPolicyVersions(p.arn) ?? []).map((v) => ({
          versionId: v.versionId,
          isDefault: v.isDefaultVersion,
          createDate: v.createDate,
        }));
    versions.sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
    const page = iamPage(versions, input.Marker, input.MaxItems);
    return {
      Versions: page.items.map((v) => ({
        VersionId: v.versionId,
        IsDefaultVersion: v.isDefault,
        CreateDate: new Date(v.createDate),
      })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
