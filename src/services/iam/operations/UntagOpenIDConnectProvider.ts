// iam:UntagOpenIDConnectProvider — removes tags by key (case-insensitively).
import { defineOperation } from '../../types.js';
import { removeTags } from '../tags.js';
import { mutateOidcProvider, oidcCheck } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
  TagKeys: string[];
}

export default defineOperation<Input>({
  name: 'UntagOpenIDConnectProvider',
  authz: (input, ctx) =>
    oidcCheck(ctx, 'UntagOpenIDConnectProvider', input.OpenIDConnectProviderArn, {
      'aws:TagKeys': input.TagKeys,
    }),
  async handler(ctx, input) {
    await mutateOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn, (p) => {
      p.tags = removeTags(p.tags, input.TagKeys);
    });
    return {};
  },
});
