// UntagPolicy: removes tags (by key, case-insensitively) from a customer managed policy.
import { defineOperation } from '../../types.js';
import { requireManagedPolicy, updateCustomerPolicy } from '../managed-policies.js';
import { removeTags } from '../tags.js';
import { awsPolicyTagsRefused } from './TagPolicy.js';

interface Input {
  PolicyArn: string;
  TagKeys: string[];
}

export default defineOperation<Input>({
  name: 'UntagPolicy',
  authz: (input) => ({
    action: 'iam:UntagPolicy',
    resource: input.PolicyArn,
    context: { 'aws:TagKeys': input.TagKeys },
  }),
  async handler(ctx, input) {
    if (requireManagedPolicy(ctx, input.PolicyArn).awsManaged) throw awsPolicyTagsRefused();
    await updateCustomerPolicy(ctx, input.PolicyArn, 'UntagPolicy', (p) => {
      p.tags = removeTags(p.tags, input.TagKeys);
    });
    return {};
  },
});
