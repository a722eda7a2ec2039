// iam:TagOpenIDConnectProvider — merges tags, at most 50.
import { defineOperation } from '../../types.js';
import type { Tag } from '../model.js';
import { mergeTags, requestTagContext } from '../tags.js';
import { mutateOidcProvider, oidcCheck } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
  Tags: Tag[];
}

export default defineOperation<Input>({
  name: 'TagOpenIDConnectProvider',
  authz: (input, ctx) =>
    oidcCheck(ctx, 'TagOpenIDConnectProvider', input.OpenIDConnectProviderArn, requestTagContext(input.Tags)),
  async handler(ctx, input) {
    await mutateOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn, (p) => {
      p.tags = mergeTags(p.tags, input.Tags);
    });
    return {};
  },
});
