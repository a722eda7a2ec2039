// organizations:UntagResource — removes tags by key.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import { removeTags } from '../tags.js';
import { requireTaggable } from '../taggable.js';

export default defineOperation<{ ResourceId: string; TagKeys: string[] }>({
  name: 'UntagResource',
  authz: (input, ctx) => checks(ctx, 'UntagResource', input.ResourceId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      const r = requireTaggable(store, org, input.ResourceId);
      return { ops: [r.write(removeTags(r.tags, input.TagKeys))], result: undefined };
    });
    return {};
  },
});
