// ListPolicyTags: a customer managed policy's tags, paged.
import { defineOperation } from '../../types.js';
import { requireManagedPolicy } from '../managed-policies.js';
import { iamPage } from '../paging.js';
import { awsPolicyTagsRefused } from './TagPolicy.js';

interface Input {
  PolicyArn: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListPolicyTags',
  readOnly: true,
  authz: (input) => ({ action: 'iam:ListPolicyTags', resource: input.PolicyArn }),
  handler(ctx, input) {
    const p = requireManagedPolicy(ctx, input.PolicyArn);
    if (!p.record) throw awsPolicyTagsRefused();
    const page = iamPage(p.record.data.tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
