// iam:TagInstanceProfile — merges tags, at most 50.
import { defineOperation } from '../../types.js';
import type { Tag } from '../model.js';
import { mergeTags, requestTagContext } from '../tags.js';
import { mutateInstanceProfile, profileCheck } from './GetInstanceProfile.js';

interface Input {
  InstanceProfileName: string;
  Tags: Tag[];
}

export default defineOperation<Input>({
  name: 'TagInstanceProfile',
  authz: (input, ctx) =>
    profileCheck(ctx, 'TagInstanceProfile', input.InstanceProfileName, requestTagContext(input.Tags)),
  async handler(ctx, input) {
    await mutateInstanceProfile(ctx.env.store, ctx.caller.accountId, input.InstanceProfileName, (p) => {
      p.tags = mergeTags(p.tags, input.Tags);
    });
    return {};
  },
});
