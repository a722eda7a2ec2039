// iam:ListAttachedUserPolicies — a user's managed policies (name and ARN), optionally under a path
// prefix of the policies' paths, paged. Also home to the listing helper shared with groups.
import { defineOperation, type OperationContext } from '../../types.js';
import { findManagedPolicy } from '../managed-policies.js';
import { iamPage, underPath } from '../paging.js';
import { requireUser, userCheck } from './GetUser.js';

export function attachedPolicies(
  ctx: OperationContext,
  arns: readonly string[],
  input: { PathPrefix?: string; Marker?: string; MaxItems?: number },
) {
  const items: { PolicyName: string; PolicyArn: string }[] = [];
  for (const arn of arns) {
    const p = findManagedPolicy(ctx.env.store, ctx.caller.accountId, arn);
    if (p && underPath(p.path, input.PathPrefix)) items.push({ PolicyName: p.policyName, PolicyArn: p.arn });
  }
  const page = iamPage(items, input.Marker, input.MaxItems);
  return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

interface Input {
  UserName: string;
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListAttachedUserPolicies',
  readOnly: true,
  authz: (input, ctx) => userCheck(ctx, 'iam:ListAttachedUserPolicies', input.UserName),
  handler(ctx, input) {
    return attachedPolicies(ctx, requireUser(ctx, input.UserName).attachedPolicyArns, input);
  },
});
