// iam:UntagInstanceProfile — removes tags by key (case-insensitively).
import { defineOperation } from '../../types.js';
import { removeTags } from '../tags.js';
import { mutateInstanceProfile, profileCheck } from './GetInstanceProfile.js';

interface Input {
  InstanceProfileName: string;
  TagKeys: string[];
}

export default defineOperation<Input>({
  name: 'UntagInstanceProfile',
  authz: (input, ctx) =>
    profileCheck(ctx, 'UntagInstanceProfile', input.InstanceProfileName, { 'aws:TagKeys': input.TagKeys }),
  async handler(ctx, input) {
    await mutateInstanceProfile(ctx.env.store, ctx.caller.accountId, input.InstanceProfileName, (p) => {
      p.tags = removeTags(p.tags, input.TagKeys);
    });
    return {};
  },
});
