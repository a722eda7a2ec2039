// organizations:TagResource — adds or replaces tags on a root, OU, account or customer policy.
import { defineOperation } from '../../types.js';
import type { Tag } from '../../iam/model.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import { mergeTags } from '../tags.js';
import { requireTaggable } from '../taggable.js';

export default defineOperation<{ ResourceId: string; Tags: Tag[] }>({
  name: 'TagResource',
  authz: (input, ctx) => checks(ctx, 'TagResource', input.ResourceId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const r = requireTaggable(store, org, input.ResourceId);
      return { ops: [r.write(mergeTags(r.tags, input.Tags))], result: undefined };
    });
    return {};
  },
});
