// TagPolicy: merges tags into a customer managed policy (AWS managed ones take no tags).
import { defineOperation } from '../../types.js';
import { invalidInput } from '../errors.js';
import { requireManagedPolicy, updateCustomerPolicy } from '../managed-policies.js';
import type { Tag } from '../model.js';
import { mergeTags, requestTagContext } from '../tags.js';

interface Input {
  PolicyArn: string;
  Tags: Tag[];
}

/** IAM's answer to tagging an AWS managed policy. */
export const awsPolicyTagsRefused = () => invalidInput('Tags not supported for policies in this domain');

export default defineOperation<Input>({
  name: 'TagPolicy',
  authz: (input) => ({
    action: 'iam:TagPolicy',
    resource: input.PolicyArn,
    context: requestTagContext(input.Tags),
  }),
  async handler(ctx, input) {
    if (requireManagedPolicy(ctx, input.PolicyArn).awsManaged) throw awsPolicyTagsRefused();
    await updateCustomerPolicy(ctx, input.PolicyArn, 'TagPolicy', (p) => {
      p.tags = mergeTags(p.tags, input.Tags);
    });
    return {};
  },
});
