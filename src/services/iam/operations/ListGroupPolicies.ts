// iam:ListGroupPolicies — the names of a group's inline policies, by name, paged.
import { defineOperation } from '../../types.js';
import { byName, iamPage } from '../paging.js';
import { groupCheck, requireGroup } from './GetGroup.js';

export default defineOperation<{ GroupName: string; Marker?: string; MaxItems?: number }>({
  name: 'ListGroupPolicies',
  readOnly: true,
  authz: (input, ctx) => groupCheck(ctx, 'iam:ListGroupPolicies', input.GroupName),
  handler(ctx, input) {
    const names = Object.keys(requireGroup(ctx, input.GroupName).inlinePolicies).sort(
      byName((n: string) => n),
    );
    const page = iamPage(names, input.Marker, input.MaxItems);
    return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
