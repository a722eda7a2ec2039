// organizations:ListTagsForResource
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { paginate } from '../paging.js';
import { requireTaggable } from '../taggable.js';

export default defineOperation<{ ResourceId: string; NextToken?: string }>({
  name: 'ListTagsForResource',
  readOnly: true,
  authz: (input, ctx) => checks(ctx, 'ListTagsForResource', input.ResourceId),
  handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const r = requireTaggable(store, org, input.ResourceId);
    const page = paginate([...r.tags], input.NextToken, 100);
    return { Tags: page.items, NextToken: page.nextToken };
  },
});
