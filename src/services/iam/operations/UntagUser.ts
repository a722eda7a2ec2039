// iam:UntagUser — removes tags by key (case-insensitively); absent keys are ignored, as in IAM.
import { defineOperation } from '../../types.js';
import { removeTags } from '../tags.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

export default defineOperation<{ UserName: string; TagKeys: string[] }>({
  name: 'UntagUser',
  authz: (input, ctx) => userCheck(ctx, 'iam:UntagUser', input.UserName, { 'aws:TagKeys': input.TagKeys }),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      const tags = removeTags(u.tags, input.TagKeys);
      if (tags.length === u.tags.length) return { write: false, result: undefined };
      u.tags = tags;
      return { data: u, result: undefined };
    });
    return {};
  },
});
