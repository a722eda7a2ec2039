// iam:TagRole — merges tags (a key's new value replaces the old), at most 50.
import { defineOperation } from '../../types.js';
import type { Tag } from '../model.js';
import { mergeTags, requestTagContext } from '../tags.js';
import { mutateRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  Tags: Tag[];
}

export default defineOperation<Input>({
  name: 'TagRole',
  authz: (input, ctx) => roleCheck(ctx, 'TagRole', input.RoleName, requestTagContext(input.Tags)),
  async handler(ctx, input) {
    await mutateRole(ctx.env.store, ctx.caller.accountId, input.RoleName, (role) => {
      role.tags = mergeTags(role.tags, input.Tags);
    });
    return {};
  },
});
