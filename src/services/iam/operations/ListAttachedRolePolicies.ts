// iam:ListAttachedRolePolicies — name and ARN of each attached managed policy, PathPrefix on the
// policy's path, paged.
import { defineOperation } from '../../types.js';
import { findManagedPolicy } from '../managed-policies.js';
import { iamPage, underPath } from '../paging.js';
import { requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListAttachedRolePolicies',
  readOnly: true,
  authz: (input, ctx) => roleCheck(ctx, 'ListAttachedRolePolicies', input.RoleName),
  handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const role = requireRole(store, account, input.RoleName);
    const attached = role.attachedPolicyArns
      .map((arn) => {
        const p = findManagedPolicy(store, account, arn);
        const slash = arn.lastIndexOf('/');
        return { PolicyName: p?.policyName ?? arn.slice(slash + 1), PolicyArn: arn, path: p?.path ?? '/' };
      })
      .filter((p) => underPath(p.path, input.PathPrefix));
    const page = iamPage(attached, input.Marker, input.MaxItems);
    return {
      AttachedPolicies: page.items.map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.PolicyArn })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
