// iam:UntagRole — removes tags by key (case-insensitively); absent keys are ignored, as in AWS.
import { defineOperation } from '../../types.js';
import { removeTags } from '../tags.js';
import { mutateRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  TagKeys: string[];
}

export default defineOperation<Input>({
  name: 'UntagRole',
  authz: (input, ctx) => roleCheck(ctx, 'UntagRole', input.RoleName, { 'aws:TagKeys': input.TagKeys }),
  async handler(ctx, input) {
    await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (role) => {
      role.tags = removeTags(role.tags, input.TagKeys);
    });
    return {};
  },
});
