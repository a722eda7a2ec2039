// iam:ListUserPolicies — the names of a user's inline policies, by name, paged.
import { defineOperation } from '../../types.js';
import { byName, iamPage } from '../paging.js';
import { requireUser, userCheck } from './GetUser.js';

export default defineOperation<{ UserName: string; Marker?: string; MaxItems?: number }>({
  name: 'ListUserPolicies',
  readOnly: true,
  authz: (input, ctx) => userCheck(ctx, 'iam:ListUserPolicies', input.UserName),
  handler(ctx, input) {
    const names = Object.keys(requireUser(ctx, input.UserName).inlinePolicies).sort(byName((n: string) => n));
    const page = iamPage(names, input.Marker, input.MaxItems);
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
