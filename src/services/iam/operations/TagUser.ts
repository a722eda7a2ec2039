// iam:TagUser — adds or overwrites tags (keys case-insensitive, at most 50 per user).
import { defineOperation } from '../../types.js';
import type { Tag } from '../model.js';
import { mergeTags, requestTagContext } from '../tags.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

export default defineOperation<{ UserName: string; Tags: Tag[] }>({
  name: 'TagUser',
  authz: (input, ctx) => userCheck(ctx, 'iam:TagUser', input.UserName, requestTagContext(input.Tags)),
  async handler(ctx, input) {
    await mutateUser(ctx, input.UserName, (u) => {
      u.tags = mergeTags(u.tags, input.Tags);
      return { data: u, result: undefined };
    });
    return {};
  },
});
